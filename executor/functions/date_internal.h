#pragma once

// Shared pieces of the date implementation (date_*.cc); not part of its interface.
#include <date/date.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "executor/functions/date_format.h"

namespace casql::exec::datefmt::internal {

using std::chrono::milliseconds;

inline constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                              "May",       "June",     "July",     "August",
                                              "September", "October",  "November", "December"};
inline constexpr const char* kWeekdayNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                "Thursday", "Friday", "Saturday"};

inline int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

inline std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

inline std::string Pad(int64_t v, int width, char fill = '0') {
  std::string digits = std::to_string(v < 0 ? -v : v);
  if (static_cast<int>(digits.size()) < width) {
    digits.insert(0, static_cast<size_t>(width) - digits.size(), fill);
  }
  return v < 0 ? "-" + digits : digits;
}

inline std::string OffsetText(int offset_seconds, bool colon, bool hours_only) {
  const int total = std::abs(offset_seconds) / 60;
  std::string out = offset_seconds < 0 ? "-" : "+";
  out += Pad(total / 60, 2);
  if (hours_only) return out;
  if (colon) out += ':';
  return out + Pad(total % 60, 2);
}

inline date::sys_days DaysOf(int64_t year, int month, int day) {
  year += FloorDiv(month - 1, 12);
  month = static_cast<int>(((month - 1) % 12 + 12) % 12) + 1;
  return date::sys_days(date::year(static_cast<int>(year)) / static_cast<unsigned>(month) / 1) +
         date::days(day - 1);
}

// Day of the week (0 = Sunday) of a count of days since 1970-01-01.
inline int Weekday(int64_t days) {
  return static_cast<int>(((days + 4) % 7 + 7) % 7);
}

inline Element Lit(std::string s) {
  return Element{Field::kLiteral, std::move(s)};
}
inline Element F(Field f) {
  return Element{f, {}};
}

// Parses a date string in one of the ISO-8601 forms (date_parse.cc).
std::optional<ParsedDate> ParseIso(std::string_view s);
std::optional<ParsedDate> ParseWith(std::string_view s, const Format& format);

}  // namespace casql::exec::datefmt::internal
