// Reading date strings: the ISO-8601 forms Couchbase accepts, and strings in a given format.
#include "executor/functions/date_internal.h"

namespace casql::exec::datefmt {

using namespace internal;  // NOLINT(google-build-using-namespace): the shared helpers.

namespace {

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

}  // namespace

namespace internal {

std::optional<ParsedDate> ParseIso(std::string_view s) {
  Civil c;
  c.year = 0;
  Format format;
  size_t pos = 0;
  int64_t v = 0;
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
  return ParsedDate{FromCivil(c, zone), zone, std::move(format)};
}

}  // namespace internal

namespace {

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

}  // namespace

namespace internal {

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

}  // namespace internal

std::optional<ParsedDate> ParseDate(std::string_view text, const Format* format) {
  if (format) return ParseWith(text, *format);
  return ParseIso(text);
}

}  // namespace casql::exec::datefmt
