// Calendar parts and arithmetic: DATE_PART, DATE_ADD, DATE_DIFF and DATE_TRUNC.
#include <date/iso_week.h>

#include <vector>

#include "executor/functions/date_internal.h"

namespace casql::exec::datefmt {

using namespace internal;  // NOLINT(google-build-using-namespace): the shared helpers.

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
