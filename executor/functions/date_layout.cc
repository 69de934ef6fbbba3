// Date formats: ISO-8601 example dates, component codes, Go reference layouts and
// %-specifiers, all read into one list of elements.
#include <cstring>
#include <vector>

#include "executor/functions/date_internal.h"

namespace casql::exec::datefmt {

using namespace internal;  // NOLINT(google-build-using-namespace): the shared helpers.

bool Format::has_zone() const {
  return std::any_of(elements.begin(), elements.end(), [](const Element& e) {
    return e.field >= Field::kZoneColonZ && e.field <= Field::kZoneAbbrev;
  });
}

namespace {

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
        add({F(Field::kZoneNoColon)});
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

}  // namespace casql::exec::datefmt
