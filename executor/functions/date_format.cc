#include "executor/functions/date_format.h"

#include <date/date.h>
#include <date/iso_week.h>
#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>

namespace casql::exec::datefmt {

namespace {

using std::chrono::milliseconds;

constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};
constexpr const char* kWeekdayNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                         "Thursday", "Friday", "Saturday"};

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Pad(int64_t v, int width, char fill = '0') {
  std::string digits = std::to_string(v < 0 ? -v : v);
  if (static_cast<int>(digits.size()) < width) {
    digits.insert(0, static_cast<size_t>(width) - digits.size(), fill);
  }
  return v < 0 ? "-" + digits : digits;
}

std::string OffsetText(int offset_seconds, bool colon, bool hours_only) {
  const int total = std::abs(offset_seconds) / 60;
  std::string out = offset_seconds < 0 ? "-" : "+";
  out += Pad(total / 60, 2);
  if (hours_only) return out;
  if (colon) out += ':';
  return out + Pad(total % 60, 2);
}

date::sys_days DaysOf(int64_t year, int month, int day) {
  year += FloorDiv(month - 1, 12);
  month = static_cast<int>(((month - 1) % 12 + 12) % 12) + 1;
  return date::sys_days(date::year(static_cast<int>(year)) / static_cast<unsigned>(month) / 1) +
         date::days(day - 1);
}

}  // namespace

Zone UtcZone() {
  return Zone{};
}

std::optional<Zone> FindZone(std::string_view name) {
  if (name == "UTC" || name == "Z" || name == "utc") return UtcZone();
  try {
    return Zone{date::locate_zone(std::string(name)), 0};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Zone LocalZone() {
  static const Zone zone = [] {
    if (const char* tz = std::getenv("TZ"); tz && *tz) {
      if (auto z = FindZone(tz[0] == ':' ? tz + 1 : tz)) return *z;
    }
    try {
      return Zone{date::current_zone(), 0};
    } catch (const std::exception&) {
      return UtcZone();
    }
  }();
  return zone;
}

Civil ToCivil(int64_t millis, const Zone& zone) {
  const date::sys_time<milliseconds> tp{milliseconds{millis}};
  Civil c;
  if (zone.tz) {
    const auto info = zone.tz->get_info(date::floor<std::chrono::seconds>(tp));
    c.offset_seconds = static_cast<int>(info.offset.count());
    c.zone_abbrev = info.abbrev;
    c.zone_name = zone.tz->name();
  } else {
    c.offset_seconds = zone.fixed_offset_seconds;
    c.zone_abbrev = c.offset_seconds == 0 ? "UTC" : OffsetText(c.offset_seconds, true, false);
    c.zone_name = c.zone_abbrev;
  }
  const auto local = tp + std::chrono::seconds(c.offset_seconds);
  const auto days = date::floor<date::days>(local);
  const date::year_month_day ymd{days};
  c.year = static_cast<int>(ymd.year());
  c.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  c.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  int64_t ms = (local - days).count();
  c.hour = static_cast<int>(ms / 3600000);
  c.minute = static_cast<int>(ms / 60000 % 60);
  c.second = static_cast<int>(ms / 1000 % 60);
  c.millisecond = static_cast<int>(ms % 1000);
  return c;
}

int64_t FromCivil(const Civil& c, const Zone& zone) {
  const date::sys_days days = DaysOf(c.year, c.month, c.day);
  const int64_t wall = days.time_since_epoch().count() * 86400000LL + c.hour * 3600000LL +
                       c.minute * 60000LL + c.second * 1000LL + c.millisecond;
  if (!zone.tz) return wall - zone.fixed_offset_seconds * 1000LL;
  const date::local_time<milliseconds> local{milliseconds{wall}};
  return zone.tz->to_sys(local, date::choose::earliest).time_since_epoch().count();
}

bool Format::has_zone() const {
  return std::any_of(elements.begin(), elements.end(), [](const Element& e) {
    return e.field >= Field::kZoneColonZ && e.field <= Field::kZoneAbbrev;
  });
}

namespace {

Element Lit(std::string s) {
  return Element{Field::kLiteral, std::move(s)};
}
Element F(Field f) {
  return Element{f, {}};
}

// ---- ISO-8601 strings -------------------------------------------------------------------

bool Digits(std::string_view s, size_t pos, size_t n, int64_t* out) {
  if (pos + n > s.size()) return false;
  int64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

// Parses [+-]hh[:mm] | [+-]hhmm | Z at pos; sets the offset and the layout element.
bool ParseOffset(std::string_view s, size_t* pos, int* offset, Field* kind) {
  if (*pos < s.size() && s[*pos] == 'Z') {
    ++*pos;
    *offset = 0;
    *kind = Field::kZoneColonZ;
    return true;
  }
  if (*pos >= s.size() || (s[*pos] != '+' && s[*pos] != '-')) return false;
  const int sign = s[*pos] == '-' ? -1 : 1;
  int64_t h = 0, m = 0;
  if (!Digits(s, *pos + 1, 2, &h)) return false;
  size_t p = *pos + 3;
  *kind = Field::kZoneColonZ;
  if (p < s.size() && s[p] == ':') {
    if (!Digits(s, p + 1, 2, &m)) return false;
    p += 3;
  } else if (Digits(s, p, 2, &m)) {
    p += 2;
    *kind = Field::kZoneNoColonZ;
  } else {
    m = 0;
    *kind = Field::kZoneHourZ;
  }
  if (h > 23 || m > 59) return false;
  *offset = sign * static_cast<int>(h * 3600 + m * 60);
  *pos = p;
  return true;
}

std::optional<ParsedDate> ParseIso(std::string_view s) {
  Civil c;
  c.year = 0;
  Format format;
  size_t pos = 0;
  int64_t v = 0;
  bool has_date = false;
  if (Digits(s, 0, 4, &v) && s.size() >= 10 && s[4] == '-' && s[7] == '-') {
    int64_t mo = 0, d = 0;
    if (!Digits(s, 5, 2, &mo) || !Digits(s, 8, 2, &d)) return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 ||
        d > static_cast<int64_t>(static_cast<unsigned>(
                (date::year(static_cast<int>(v)) / static_cast<unsigned>(mo) / date::last)
                    .day()))) {
      return std::nullopt;
    }
    c.year = v;
    c.month = static_cast<int>(mo);
    c.day = static_cast<int>(d);
    format.elements = {F(Field::kYear4), Lit("-"), F(Field::kMonth2), Lit("-"), F(Field::kDay2)};
    pos = 10;
    has_date = true;
    if (pos == s.size()) return ParsedDate{FromCivil(c, LocalZone()), LocalZone(), format};
    if (s[pos] != 'T' && s[pos] != ' ') return std::nullopt;
    format.elements.push_back(Lit(std::string(1, s[pos])));
    ++pos;
  }
  int64_t h = 0, mi = 0, se = 0;
  if (!Digits(s, pos, 2, &h) || pos + 8 > s.size() || s[pos + 2] != ':' || s[pos + 5] != ':' ||
      !Digits(s, pos + 3, 2, &mi) || !Digits(s, pos + 6, 2, &se) || h > 23 || mi > 59 || se > 59) {
    return std::nullopt;
  }
  c.hour = static_cast<int>(h);
  c.minute = static_cast<int>(mi);
  c.second = static_cast<int>(se);
  for (Field f : {Field::kHour24, Field::kMinute2, Field::kSecond2}) {
    if (f != Field::kHour24) format.elements.push_back(Lit(":"));
    format.elements.push_back(F(f));
  }
  pos += 8;
  if (pos < s.size() && s[pos] == '.') {
    size_t end = pos + 1;
    while (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) ++end;
    const size_t n = end - pos - 1;
    if (n == 0 || n > 9) return std::nullopt;
    std::string ms(s.substr(pos + 1, std::min<size_t>(n, 3)));
    ms.resize(3, '0');
    c.millisecond = std::atoi(ms.c_str());
    format.elements.push_back(Element{Field::kFraction, {}, 3, true});
    pos = end;
  }
  Zone zone = LocalZone();
  if (pos < s.size()) {
    int offset = 0;
    Field kind;
    if (!ParseOffset(s, &pos, &offset, &kind) || pos != s.size()) return std::nullopt;
    zone = Zone{nullptr, offset};
    format.elements.push_back(F(kind));
  }
  (void)has_date;
  return ParsedDate{FromCivil(c, zone), zone, std::move(format)};
}

// ---- Format strings ---------------------------------------------------------------------

struct Token {
  std::string_view text;
  Element element;
};

// Tokenises by longest match against `table`; spaces become kAnyChar, other characters
// literals. Returns false when nothing in the text was a component.
bool Tokenize(std::string_view text, const std::vector<Token>& table, Format* out) {
  bool any = false;
  for (size_t i = 0; i < text.size();) {
    const Token* best = nullptr;
    for (const Token& t : table) {
      if (text.substr(i, t.text.size()) == t.text && (!best || t.text.size() > best->text.size())) {
        best = &t;
      }
    }
    if (best) {
      out->elements.push_back(best->element);
      i += best->text.size();
      any = true;
    } else if (text[i] == ' ') {
      out->elements.push_back(F(Field::kAnyChar));
      ++i;
    } else {
      if (!out->elements.empty() && out->elements.back().field == Field::kLiteral) {
        out->elements.back().literal += text[i];
      } else {
        out->elements.push_back(Lit(std::string(1, text[i])));
      }
      ++i;
    }
  }
  return any;
}

Element Name(Field f, bool upper, bool lower) {
  Element e = F(f);
  e.upper = upper;
  e.lower = lower;
  return e;
}

const std::vector<Token>& CodeTokens() {
  static const auto* table = new std::vector<Token>{
      {"YYYY", F(Field::kYear4)},
      {"YY", F(Field::kYear2)},
      {"CC", F(Field::kCentury)},
      {"MM", F(Field::kMonth2)},
      {"MONTH", Name(Field::kMonthName, true, false)},
      {"Month", Name(Field::kMonthName, false, false)},
      {"month", Name(Field::kMonthName, false, true)},
      {"MON", Name(Field::kMonthAbbr, true, false)},
      {"Mon", Name(Field::kMonthAbbr, false, false)},
      {"mon", Name(Field::kMonthAbbr, false, true)},
      {"DD", F(Field::kDay2)},
      {"DAY", Name(Field::kWeekdayName, true, false)},
      {"Day", Name(Field::kWeekdayName, false, false)},
      {"day", Name(Field::kWeekdayName, false, true)},
      {"DY", Name(Field::kWeekdayAbbr, true, false)},
      {"Dy", Name(Field::kWeekdayAbbr, false, false)},
      {"dy", Name(Field::kWeekdayAbbr, false, true)},
      {"hh", F(Field::kHour24)},
      {"HH", F(Field::kHour24)},
      {"HH24", F(Field::kHour24)},
      {"HH12", F(Field::kHour12)},
      {"mm", F(Field::kMinute2)},
      {"MI", F(Field::kMinute2)},
      {"ss", F(Field::kSecond2)},
      {"SS", F(Field::kSecond2)},
      {".s", Element{Field::kFraction, {}, 3, false}},
      {"AM", F(Field::kAmPmUpper)},
      {"PM", F(Field::kAmPmUpper)},
      {"PP", F(Field::kAmPmUpper)},
      {"am", F(Field::kAmPmLower)},
      {"pm", F(Field::kAmPmLower)},
      {"pp", F(Field::kAmPmLower)},
      {"TZD", F(Field::kZoneColonZ)},
      {"TZN", F(Field::kZoneAbbrev)},
  };
  return *table;
}

const std::vector<Token>& GoTokens() {
  static const auto* table = new std::vector<Token>{
      {"2006", F(Field::kYear4)},
      {"06", F(Field::kYear2)},
      {"January", F(Field::kMonthName)},
      {"Jan", F(Field::kMonthAbbr)},
      {"01", F(Field::kMonth2)},
      {"1", F(Field::kMonth)},
      {"Monday", F(Field::kWeekdayName)},
      {"Mon", F(Field::kWeekdayAbbr)},
      {"02", F(Field::kDay2)},
      {"_2", F(Field::kDaySpace)},
      {"2", F(Field::kDay)},
      {"002", F(Field::kDayOfYear3)},
      {"15", F(Field::kHour24)},
      {"03", F(Field::kHour12)},
      {"3", F(Field::kHour12Unpadded)},
      {"04", F(Field::kMinute2)},
      {"4", F(Field::kMinute)},
      {"05", F(Field::kSecond2)},
      {"5", F(Field::kSecond)},
      {"PM", F(Field::kAmPmUpper)},
      {"pm", F(Field::kAmPmLower)},
      {"Z07:00", F(Field::kZoneColonZ)},
      {"Z0700", F(Field::kZoneNoColonZ)},
      {"Z07", F(Field::kZoneHourZ)},
      {"-07:00", F(Field::kZoneColon)},
      {"-0700", F(Field::kZoneNoColon)},
      {"-07", F(Field::kZoneHour)},
      {"MST", F(Field::kZoneAbbrev)},
      {".000", Element{Field::kFraction, {}, 3, false}},
      {".999", Element{Field::kFraction, {}, 3, true}},
      {".00", Element{Field::kFraction, {}, 2, false}},
      {".99", Element{Field::kFraction, {}, 2, true}},
      {".0", Element{Field::kFraction, {}, 1, false}},
      {".9", Element{Field::kFraction, {}, 1, true}},
  };
  return *table;
}

std::optional<Format> ParsePercent(std::string_view text) {
  Format out;
  auto add = [&](std::initializer_list<Element> elements) {
    out.elements.insert(out.elements.end(), elements);
  };
  const Element fraction{Field::kFraction, {}, 3, false};
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      if (text[i] == ' ') {
        add({F(Field::kAnyChar)});
      } else {
        add({Lit(std::string(1, text[i]))});
      }
      continue;
    }
    bool unpadded = false, upper = false;
    while (i + 1 < text.size() && std::strchr("-_0^#", text[i + 1])) {
      unpadded |= text[i + 1] == '-';
      upper |= text[i + 1] == '^';
      ++i;
    }
    while (i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1]))) ++i;
    if (i + 1 >= text.size()) return std::nullopt;
    const char spec = text[++i];
    switch (spec) {
      case 'Y':
        add({F(Field::kYear4)});
        break;
      case 'y':
        add({F(Field::kYear2)});
        break;
      case 'C':
        add({F(Field::kCentury)});
        break;
      case 'm':
        add({F(unpadded ? Field::kMonth : Field::kMonth2)});
        break;
      case 'B':
        add({Name(Field::kMonthName, upper, false)});
        break;
      case 'b':
      case 'h':
        add({Name(Field::kMonthAbbr, upper, false)});
        break;
      case 'd':
        add({F(unpadded ? Field::kDay : Field::kDay2)});
        break;
      case 'e':
        add({F(Field::kDaySpace)});
        break;
      case 'j':
        add({F(Field::kDayOfYear3)});
        break;
      case 'A':
        add({Name(Field::kWeekdayName, upper, false)});
        break;
      case 'a':
        add({Name(Field::kWeekdayAbbr, upper, false)});
        break;
      case 'H':
        add({F(Field::kHour24)});
        break;
      case 'I':
        add({F(unpadded ? Field::kHour12Unpadded : Field::kHour12)});
        break;
      case 'M':
        add({F(unpadded ? Field::kMinute : Field::kMinute2)});
        break;
      case 'S':
        add({F(unpadded ? Field::kSecond : Field::kSecond2)});
        break;
      case 'N':
        add({Element{Field::kFraction, {}, 3, false, false}});
        break;
      case 'p':
        add({F(Field::kAmPmUpper)});
        break;
      case 'P':
        add({F(Field::kAmPmLower)});
        break;
      case 'z':
        add({F(Field::kZoneColon)});
        break;
      case 'Z':
        add({F(Field::kZoneName)});
        break;
      case 's':
        add({F(Field::kEpochSeconds)});
        break;
      case 'D':
      case 'x':
        add({F(Field::kYear4), Lit("-"), F(Field::kMonth2), Lit("-"), F(Field::kDay2)});
        break;
      case 'T':
      case 'X':
        add({F(Field::kHour24), Lit(":"), F(Field::kMinute2), Lit(":"), F(Field::kSecond2)});
        break;
      case 'R':
        add({F(Field::kHour24), Lit(":"), F(Field::kMinute2)});
        break;
      case 'r':
        add({F(Field::kHour12), Lit(":"), F(Field::kMinute2), Lit(":"), F(Field::kSecond2),
             F(Field::kAnyChar), F(Field::kAmPmUpper)});
        break;
      case 'F':
        add({F(Field::kYear4), Lit("-"), F(Field::kMonth2), Lit("-"), F(Field::kDay2), Lit("T"),
             F(Field::kHour24), Lit(":"), F(Field::kMinute2), Lit(":"), F(Field::kSecond2),
             fraction, F(Field::kZoneColonZ)});
        break;
      case '%':
        add({Lit("%")});
        break;
      default:
        return std::nullopt;
    }
  }
  return out;
}

bool LooksLikeGoLayout(std::string_view text) {
  for (std::string_view marker : {"2006", "15:04", "Z07", "-07:00", "-0700", "January", "Jan",
                                  "Monday", "01/02", "02/01", "04:05"}) {
    if (text.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

// ---- Formatting -------------------------------------------------------------------------

std::string CaseName(std::string name, const Element& e) {
  if (e.upper) std::transform(name.begin(), name.end(), name.begin(), ::toupper);
  if (e.lower) std::transform(name.begin(), name.end(), name.begin(), ::tolower);
  return name;
}

int Weekday(int64_t millis_local_days) {
  return static_cast<int>(((millis_local_days + 4) % 7 + 7) % 7);
}

// ---- Parsing with a format --------------------------------------------------------------

bool ReadNumber(std::string_view s, size_t* pos, size_t min, size_t max, int64_t* out) {
  size_t n = 0;
  int64_t v = 0;
  while (n < max && *pos + n < s.size() && std::isdigit(static_cast<unsigned char>(s[*pos + n]))) {
    v = v * 10 + (s[*pos + n] - '0');
    ++n;
  }
  if (n < min) return false;
  *pos += n;
  *out = v;
  return true;
}

int ReadName(std::string_view s, size_t* pos, const char* const* names, size_t count, bool abbrev) {
  for (size_t i = 0; i < count; ++i) {
    std::string name = names[i];
    if (abbrev) name.resize(3);
    if (s.size() - *pos >= name.size() &&
        Lower(std::string(s.substr(*pos, name.size()))) == Lower(name)) {
      *pos += name.size();
      return static_cast<int>(i);
    }
  }
  return -1;
}

std::optional<ParsedDate> ParseWith(std::string_view s, const Format& format) {
  Civil c;
  c.year = 0;
  Zone zone = LocalZone();
  int pm = -1;
  std::optional<int64_t> epoch;
  size_t pos = 0;
  for (const Element& e : format.elements) {
    int64_t v = 0;
    switch (e.field) {
      case Field::kLiteral:
        if (s.substr(pos, e.literal.size()) != e.literal) return std::nullopt;
        pos += e.literal.size();
        break;
      case Field::kAnyChar:
        if (pos >= s.size()) return std::nullopt;
        ++pos;
        break;
      case Field::kYear4:
        if (!ReadNumber(s, &pos, 4, 4, &v)) return std::nullopt;
        c.year = v;
        break;
      case Field::kYear2:
        if (!ReadNumber(s, &pos, 2, 2, &v)) return std::nullopt;
        c.year = v >= 69 ? 1900 + v : 2000 + v;
        break;
      case Field::kCentury:
        if (!ReadNumber(s, &pos, 2, 2, &v)) return std::nullopt;
        c.year = v * 100 + c.year % 100;
        break;
      case Field::kMonth2:
      case Field::kMonth:
        if (!ReadNumber(s, &pos, e.field == Field::kMonth ? 1 : 2, 2, &v) || v < 1 || v > 12) {
          return std::nullopt;
        }
        c.month = static_cast<int>(v);
        break;
      case Field::kMonthName:
      case Field::kMonthAbbr: {
        const int m = ReadName(s, &pos, kMonthNames, 12, e.field == Field::kMonthAbbr);
        if (m < 0) return std::nullopt;
        c.month = m + 1;
        break;
      }
      case Field::kDay2:
      case Field::kDay:
      case Field::kDaySpace:
        if (e.field == Field::kDaySpace && pos < s.size() && s[pos] == ' ') ++pos;
        if (!ReadNumber(s, &pos, e.field == Field::kDay2 ? 2 : 1, 2, &v) || v < 1 || v > 31) {
          return std::nullopt;
        }
        c.day = static_cast<int>(v);
        break;
      case Field::kDayOfYear3:
        if (!ReadNumber(s, &pos, 3, 3, &v) || v < 1 || v > 366) return std::nullopt;
        c.month = 1;
        c.day = static_cast<int>(v);
        break;
      case Field::kWeekdayName:
      case Field::kWeekdayAbbr:
        if (ReadName(s, &pos, kWeekdayNames, 7, e.field == Field::kWeekdayAbbr) < 0) {
          return std::nullopt;
        }
        break;
      case Field::kHour24:
      case Field::kHour12:
      case Field::kHour12Unpadded:
        // Hours take one or two digits, as Go's "15" does when parsing.
        if (!ReadNumber(s, &pos, 1, 2, &v) || v > 23) {
          return std::nullopt;
        }
        c.hour = static_cast<int>(v);
        break;
      case Field::kMinute2:
      case Field::kMinute:
        if (!ReadNumber(s, &pos, e.field == Field::kMinute ? 1 : 2, 2, &v) || v > 59) {
          return std::nullopt;
        }
        c.minute = static_cast<int>(v);
        break;
      case Field::kSecond2:
      case Field::kSecond:
        if (!ReadNumber(s, &pos, e.field == Field::kSecond ? 1 : 2, 2, &v) || v > 59) {
          return std::nullopt;
        }
        c.second = static_cast<int>(v);
        break;
      case Field::kFraction: {
        if (e.dot) {
          if (pos >= s.size() || (s[pos] != '.' && s[pos] != ',')) {
            if (e.trim) break;
            return std::nullopt;
          }
          ++pos;
        }
        const size_t begin = pos;
        if (!ReadNumber(s, &pos, 1, 9, &v)) return std::nullopt;
        std::string ms(s.substr(begin, std::min<size_t>(pos - begin, 3)));
        ms.resize(3, '0');
        c.millisecond = std::atoi(ms.c_str());
        break;
      }
      case Field::kAmPmUpper:
      case Field::kAmPmLower: {
        const std::string t = Lower(std::string(s.substr(pos, 2)));
        if (t != "am" && t != "pm") return std::nullopt;
        pm = t == "pm";
        pos += 2;
        break;
      }
      case Field::kZoneColonZ:
      case Field::kZoneColon:
      case Field::kZoneNoColonZ:
      case Field::kZoneNoColon:
      case Field::kZoneHourZ:
      case Field::kZoneHour:
      case Field::kZoneName:
      case Field::kZoneAbbrev: {
        int offset = 0;
        Field kind;
        if (ParseOffset(s, &pos, &offset, &kind)) {
          zone = Zone{nullptr, offset};
          break;
        }
        size_t end = pos;
        while (end < s.size() && s[end] != ' ') ++end;
        auto named = FindZone(s.substr(pos, end - pos));
        if (!named) return std::nullopt;
        zone = *named;
        pos = end;
        break;
      }
      case Field::kEpochSeconds: {
        bool negative = pos < s.size() && s[pos] == '-';
        if (negative) ++pos;
        if (!ReadNumber(s, &pos, 1, 12, &v)) return std::nullopt;
        epoch = (negative ? -v : v) * 1000;
        break;
      }
    }
  }
  if (pos != s.size()) return std::nullopt;
  if (pm == 1 && c.hour < 12) c.hour += 12;
  if (pm == 0 && c.hour == 12) c.hour = 0;
  const int64_t millis = epoch ? *epoch : FromCivil(c, zone);
  return ParsedDate{millis, zone, format};
}

}  // namespace

const Format& DefaultFormat() {
  static const Format* format = new Format{
      {F(Field::kYear4), Lit("-"), F(Field::kMonth2), Lit("-"), F(Field::kDay2), Lit("T"),
       F(Field::kHour24), Lit(":"), F(Field::kMinute2), Lit(":"), F(Field::kSecond2),
       Element{Field::kFraction, {}, 3, true}, F(Field::kZoneColonZ)}};
  return *format;
}

std::optional<Format> ParseFormat(std::string_view text) {
  if (text.find('%') != std::string_view::npos) return ParsePercent(text);
  if (LooksLikeGoLayout(text)) {
    Format out;
    if (Tokenize(text, GoTokens(), &out)) return out;
  }
  if (auto iso = ParseIso(text)) return iso->format;
  Format out;
  if (Tokenize(text, CodeTokens(), &out)) return out;
  return std::nullopt;
}

std::optional<ParsedDate> ParseDate(std::string_view text, const Format* format) {
  if (format) return ParseWith(text, *format);
  return ParseIso(text);
}

std::string FormatDate(int64_t millis, const Zone& zone, const Format& format) {
  millis = std::clamp(millis, -kMaxMillis, kMaxMillis);
  const Civil c = ToCivil(millis, zone);
  const int64_t local_days = DaysOf(c.year, c.month, c.day).time_since_epoch().count();
  std::string out;
  for (const Element& e : format.elements) {
    switch (e.field) {
      case Field::kLiteral:
        out += e.literal;
        break;
      case Field::kAnyChar:
        out += ' ';
        break;
      case Field::kYear4:
        out += Pad(c.year, 4);
        break;
      case Field::kYear2:
        out += Pad(((c.year % 100) + 100) % 100, 2);
        break;
      case Field::kCentury:
        out += Pad(FloorDiv(c.year, 100), 2);
        break;
      case Field::kMonth2:
        out += Pad(c.month, 2);
        break;
      case Field::kMonth:
        out += std::to_string(c.month);
        break;
      case Field::kMonthName:
        out += CaseName(kMonthNames[c.month - 1], e);
        break;
      case Field::kMonthAbbr:
        out += CaseName(std::string(kMonthNames[c.month - 1], 3), e);
        break;
      case Field::kDay2:
        out += Pad(c.day, 2);
        break;
      case Field::kDay:
        out += std::to_string(c.day);
        break;
      case Field::kDaySpace:
        out += Pad(c.day, 2, ' ');
        break;
      case Field::kDayOfYear3:
        out += Pad(local_days - DaysOf(c.year, 1, 1).time_since_epoch().count() + 1, 3);
        break;
      case Field::kWeekdayName:
        out += CaseName(kWeekdayNames[Weekday(local_days)], e);
        break;
      case Field::kWeekdayAbbr:
        out += CaseName(std::string(kWeekdayNames[Weekday(local_days)], 3), e);
        break;
      case Field::kHour24:
        out += Pad(c.hour, 2);
        break;
      case Field::kHour12:
        out += Pad(c.hour % 12 == 0 ? 12 : c.hour % 12, 2);
        break;
      case Field::kHour12Unpadded:
        out += std::to_string(c.hour % 12 == 0 ? 12 : c.hour % 12);
        break;
      case Field::kMinute2:
        out += Pad(c.minute, 2);
        break;
      case Field::kMinute:
        out += std::to_string(c.minute);
        break;
      case Field::kSecond2:
        out += Pad(c.second, 2);
        break;
      case Field::kSecond:
        out += std::to_string(c.second);
        break;
      case Field::kFraction: {
        std::string digits = Pad(c.millisecond, 3).substr(0, static_cast<size_t>(e.digits));
        if (e.trim) {
          while (!digits.empty() && digits.back() == '0') digits.pop_back();
          if (digits.empty()) break;
        }
        if (e.dot) out += '.';
        out += digits;
        break;
      }
      case Field::kAmPmUpper:
        out += c.hour < 12 ? "AM" : "PM";
        break;
      case Field::kAmPmLower:
        out += c.hour < 12 ? "am" : "pm";
        break;
      case Field::kZoneColonZ:
      case Field::kZoneNoColonZ:
      case Field::kZoneHourZ:
        if (c.offset_seconds == 0) {
          out += 'Z';
          break;
        }
        [[fallthrough]];
      case Field::kZoneColon:
      case Field::kZoneNoColon:
      case Field::kZoneHour:
        out += OffsetText(c.offset_seconds,
                          e.field == Field::kZoneColon || e.field == Field::kZoneColonZ,
                          e.field == Field::kZoneHour || e.field == Field::kZoneHourZ);
        break;
      case Field::kZoneName:
        out += c.zone_name;
        break;
      case Field::kZoneAbbrev:
        out += c.zone_abbrev;
        break;
      case Field::kEpochSeconds:
        out += std::to_string(FloorDiv(millis, 1000));
        break;
    }
  }
  return out;
}

std::optional<Part> ParsePart(std::string_view name) {
  static const auto* parts = new std::vector<std::pair<std::string_view, Part>>{
      {"millennium", Part::kMillennium},
      {"century", Part::kCentury},
      {"decade", Part::kDecade},
      {"year", Part::kYear},
      {"iso_year", Part::kIsoYear},
      {"quarter", Part::kQuarter},
      {"month", Part::kMonth},
      {"week", Part::kWeek},
      {"iso_week", Part::kIsoWeek},
      {"day", Part::kDay},
      {"day_of_year", Part::kDayOfYear},
      {"doy", Part::kDayOfYear},
      {"day_of_week", Part::kDayOfWeek},
      {"dow", Part::kDayOfWeek},
      {"hour", Part::kHour},
      {"minute", Part::kMinute},
      {"second", Part::kSecond},
      {"millisecond", Part::kMillisecond},
      {"timezone", Part::kTimezone},
      {"timezone_hour", Part::kTimezoneHour},
      {"timezone_minute", Part::kTimezoneMinute},
  };
  const std::string lower = Lower(std::string(name));
  for (const auto& [n, p] : *parts) {
    if (n == lower) return p;
  }
  return std::nullopt;
}

std::optional<int64_t> DatePart(int64_t millis, const Zone& zone, Part part) {
  if (std::llabs(millis) > kMaxMillis) return std::nullopt;
  const Civil c = ToCivil(millis, zone);
  const date::sys_days days = DaysOf(c.year, c.month, c.day);
  const int64_t doy = (days - DaysOf(c.year, 1, 1)).count() + 1;
  switch (part) {
    case Part::kMillennium:
      return FloorDiv(c.year, 1000) + 1;
    case Part::kCentury:
      return FloorDiv(c.year, 100) + 1;
    case Part::kDecade:
      return FloorDiv(c.year, 10);
    case Part::kYear:
      return c.year;
    case Part::kIsoYear:
      return static_cast<int>(iso_week::year_weeknum_weekday(days).year());
    case Part::kQuarter:
      return (c.month - 1) / 3 + 1;
    case Part::kMonth:
      return c.month;
    case Part::kWeek:
      return (doy + 6) / 7;
    case Part::kIsoWeek:
      return static_cast<unsigned>(iso_week::year_weeknum_weekday(days).weeknum());
    case Part::kDay:
      return c.day;
    case Part::kDayOfYear:
      return doy;
    case Part::kDayOfWeek:
      return Weekday(days.time_since_epoch().count());
    case Part::kHour:
      return c.hour;
    case Part::kMinute:
      return c.minute;
    case Part::kSecond:
      return c.second;
    case Part::kMillisecond:
      return c.millisecond;
    case Part::kTimezone:
      return c.offset_seconds;
    case Part::kTimezoneHour:
      return c.offset_seconds / 3600;
    case Part::kTimezoneMinute:
      return c.offset_seconds % 3600 / 60;
  }
  return std::nullopt;
}

namespace {

// Milliseconds in one fixed-length part; 0 for calendar parts (months and longer).
int64_t FixedLength(Part part) {
  switch (part) {
    case Part::kWeek:
      return 7 * 86400000LL;
    case Part::kDay:
      return 86400000LL;
    case Part::kHour:
      return 3600000LL;
    case Part::kMinute:
      return 60000LL;
    case Part::kSecond:
      return 1000LL;
    case Part::kMillisecond:
      return 1LL;
    default:
      return 0;
  }
}

// Months in one calendar part; 0 for others.
int64_t Months(Part part) {
  switch (part) {
    case Part::kMillennium:
      return 12000;
    case Part::kCentury:
      return 1200;
    case Part::kDecade:
      return 120;
    case Part::kYear:
      return 12;
    case Part::kQuarter:
      return 3;
    case Part::kMonth:
      return 1;
    default:
      return 0;
  }
}

}  // namespace

std::optional<int64_t> DateAdd(int64_t millis, const Zone& zone, int64_t n, Part part) {
  if (std::llabs(millis) > kMaxMillis || std::llabs(n) > kMaxMillis) return std::nullopt;
  if (const int64_t unit = FixedLength(part)) {
    int64_t delta;
    if (__builtin_mul_overflow(n, unit, &delta) || std::llabs(millis + delta) > kMaxMillis) {
      return std::nullopt;
    }
    if (part == Part::kDay || part == Part::kWeek) {
      // Days keep the wall-clock time across daylight-saving changes, as Go's AddDate does.
      Civil c = ToCivil(millis, zone);
      c.day += static_cast<int>(delta / 86400000LL);
      return FromCivil(c, zone);
    }
    return millis + delta;
  }
  const int64_t months = Months(part);
  if (!months || std::llabs(n) > 30000 * 12) return std::nullopt;
  Civil c = ToCivil(millis, zone);
  const int64_t total = c.month - 1 + n * months;
  c.year += FloorDiv(total, 12);
  c.month = static_cast<int>(total - FloorDiv(total, 12) * 12) + 1;
  if (std::llabs(c.year) > 30000) return std::nullopt;
  return FromCivil(c, zone);
}

std::optional<int64_t> DateDiff(int64_t to, int64_t from, const Zone& zone, Part part) {
  if (std::llabs(to) > kMaxMillis || std::llabs(from) > kMaxMillis) return std::nullopt;
  if (const int64_t unit = FixedLength(part)) return (to - from) / unit;
  const int64_t months_per = Months(part);
  if (!months_per) return std::nullopt;
  const Civil a = ToCivil(to, zone), b = ToCivil(from, zone);
  int64_t months = (a.year - b.year) * 12 + (a.month - b.month);
  // The rest of each date within its month decides whether the last month is complete.
  auto rest = [](const Civil& c) {
    return ((static_cast<int64_t>(c.day) * 24 + c.hour) * 60 + c.minute) * 60000LL +
           c.second * 1000LL + c.millisecond;
  };
  if (months > 0 && rest(a) < rest(b)) --months;
  if (months < 0 && rest(a) > rest(b)) ++months;
  return months / months_per;
}

std::optional<int64_t> DateTrunc(int64_t millis, const Zone& zone, Part part) {
  if (std::llabs(millis) > kMaxMillis) return std::nullopt;
  Civil c = ToCivil(millis, zone);
  const int64_t days = DaysOf(c.year, c.month, c.day).time_since_epoch().count();
  switch (part) {
    case Part::kMillennium:
      c.year = FloorDiv(c.year, 1000) * 1000;
      c.month = 1;
      c.day = 1;
      break;
    case Part::kCentury:
      c.year = FloorDiv(c.year, 100) * 100;
      c.month = 1;
      c.day = 1;
      break;
    case Part::kDecade:
      c.year = FloorDiv(c.year, 10) * 10;
      c.month = 1;
      c.day = 1;
      break;
    case Part::kYear:
      c.month = 1;
      c.day = 1;
      break;
    case Part::kQuarter:
      c.month = (c.month - 1) / 3 * 3 + 1;
      c.day = 1;
      break;
    case Part::kMonth:
      c.day = 1;
      break;
    case Part::kWeek:
      c.day -= Weekday(days);
      break;  // back to Sunday
    case Part::kIsoWeek:
      c.day -= (Weekday(days) + 6) % 7;
      break;  // back to Monday
    case Part::kDay:
      break;
    case Part::kHour:
      c.minute = c.second = c.millisecond = 0;
      return FromCivil(c, zone);
    case Part::kMinute:
      c.second = c.millisecond = 0;
      return FromCivil(c, zone);
    case Part::kSecond:
      c.millisecond = 0;
      return FromCivil(c, zone);
    case Part::kMillisecond:
      return millis;
    default:
      return std::nullopt;
  }
  c.hour = c.minute = c.second = c.millisecond = 0;
  return FromCivil(c, zone);
}

const char* WeekdayName(int weekday) {
  return kWeekdayNames[((weekday % 7) + 7) % 7];
}

}  // namespace casql::exec::datefmt
