#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace date {
class time_zone;
}

namespace casql::exec::datefmt {

// Date strings for the N1QL date functions: parsing, formatting and calendar arithmetic
// over epoch milliseconds, with IANA time zones from the system tzdata (Howard Hinnant's
// date library, as GCC 12's <chrono> has no time-zone database).

// The calendar the date library handles is years -32767..32767; epoch millis beyond about
// +-30000 years are out of range for every date function.
inline constexpr int64_t kMaxMillis = 30000LL * 366 * 86400 * 1000;

// A zone: an IANA zone, or a fixed UTC offset when `tz` is null.
struct Zone {
  const date::time_zone* tz = nullptr;
  int fixed_offset_seconds = 0;
};

// The process's local zone (TZ or /etc/localtime), UTC when it cannot be determined.
Zone LocalZone();
Zone UtcZone();
// An IANA name or "UTC"/"Z"; nullopt for an unknown name. Names are case-sensitive.
std::optional<Zone> FindZone(std::string_view name);

// A moment broken down in a zone.
struct Civil {
  int64_t year = 0;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0, millisecond = 0;
  int offset_seconds = 0;   // of the zone at this moment
  std::string zone_abbrev;  // "UTC", "EST", "LMT", ...
  std::string zone_name;    // IANA name, or the offset text for a fixed zone
};

Civil ToCivil(int64_t millis, const Zone& zone);
// Epoch millis of a wall-clock time in a zone (the earlier instant when it is ambiguous).
int64_t FromCivil(const Civil& civil, const Zone& zone);

// One element of a date format.
enum class Field : uint8_t {
  kLiteral,
  kAnyChar,  // a space in a code/percent/Go format: matches any one character when parsing
  kYear4,
  kYear2,
  kCentury,
  kMonth2,
  kMonth,  // unpadded
  kMonthName,
  kMonthAbbr,
  kDay2,
  kDay,  // unpadded
  kDaySpace,
  kDayOfYear3,
  kWeekdayName,
  kWeekdayAbbr,
  kHour24,
  kHour12,
  kHour12Unpadded,
  kMinute2,
  kMinute,
  kSecond2,
  kSecond,
  kFraction,  // `digits` digits, trailing zeros trimmed when `trim` (and the dot with them)
  kAmPmUpper,
  kAmPmLower,
  kZoneColonZ,    // "Z" for UTC, else +hh:mm
  kZoneColon,     // +hh:mm
  kZoneNoColonZ,  // "Z" for UTC, else +hhmm
  kZoneNoColon,   // +hhmm
  kZoneHourZ,     // "Z" for UTC, else +hh
  kZoneHour,      // +hh
  kZoneName,      // IANA name (abbreviation when the format asked for TZN)
  kZoneAbbrev,
  kEpochSeconds,
};

struct Element {
  Field field;
  std::string literal;  // kLiteral
  int digits = 3;       // kFraction
  bool trim = true;     // kFraction
  bool dot = true;      // kFraction: preceded by '.'
  bool upper = false;   // names: upper-case
  bool lower = false;   // names: lower-case
};

// A parsed format (ISO-8601 example date, component codes such as YYYY-MM-DD, Go reference
// layout, or %-specifiers).
struct Format {
  std::vector<Element> elements;
  bool has_zone() const;
};

// The default output format, "YYYY-MM-DDThh:mm:ss.sTZD" with milliseconds trimmed.
const Format& DefaultFormat();
// The format a format string describes; nullopt when it describes none.
std::optional<Format> ParseFormat(std::string_view text);

struct ParsedDate {
  int64_t millis = 0;
  Zone zone;      // the string's own offset, or the local zone when it had none
  Format format;  // the layout the string was written in
};

// Parses a date string in one of the ISO-8601 forms Couchbase accepts, or in `format` when
// given. Missing date parts default to 0000-01-01, time parts to 0, the zone to local.
std::optional<ParsedDate> ParseDate(std::string_view text, const Format* format = nullptr);

std::string FormatDate(int64_t millis, const Zone& zone, const Format& format);

// Calendar parts, as DATE_PART/DATE_ADD/DATE_DIFF/DATE_TRUNC name them (lower-cased).
enum class Part : uint8_t {
  kMillennium,
  kCentury,
  kDecade,
  kYear,
  kIsoYear,
  kQuarter,
  kMonth,
  kWeek,
  kIsoWeek,
  kDay,
  kDayOfYear,
  kDayOfWeek,
  kHour,
  kMinute,
  kSecond,
  kMillisecond,
  kTimezone,
  kTimezoneHour,
  kTimezoneMinute,
};
std::optional<Part> ParsePart(std::string_view name);

std::optional<int64_t> DatePart(int64_t millis, const Zone& zone, Part part);
// Adds n parts in `zone`; month overflow normalises as Go's AddDate does (Jan 31 + 1 month
// is Mar 3 or 2). nullopt for a part that cannot be added.
std::optional<int64_t> DateAdd(int64_t millis, const Zone& zone, int64_t n, Part part);
// Elapsed whole parts from `from` to `to` (negative when `to` is earlier).
std::optional<int64_t> DateDiff(int64_t to, int64_t from, const Zone& zone, Part part);
std::optional<int64_t> DateTrunc(int64_t millis, const Zone& zone, Part part);

const char* WeekdayName(int weekday);  // 0 = Sunday

}  // namespace casql::exec::datefmt
