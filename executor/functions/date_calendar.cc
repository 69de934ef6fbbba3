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
      {"calendar_month", Part::kCalendarMonth},
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
    case Part::kCalendarMonth:
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
    case Part::kCalendarMonth:
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
  if (part == Part::kCalendarMonth) {
    // A month's last day stays the last day; other days stop at the target month's end.
    auto last_day = [](int64_t year, int month) {
      return static_cast<int>(static_cast<unsigned>(
          (date::year(static_cast<int>(year)) / static_cast<unsigned>(month) / date::last).day()));
    };
    const Civil from = ToCivil(millis, zone);
    const int last = last_day(c.year, c.month);
    c.day = from.day == last_day(from.year, from.month) ? last : std::min(c.day, last);
  }
  return FromCivil(c, zone);
}

std::optional<int64_t> DateDiff(int64_t to, int64_t from, const Zone& zone, Part part) {
  if (std::llabs(to) > kMaxMillis || std::llabs(from) > kMaxMillis) return std::nullopt;
  const Civil a = ToCivil(to, zone), b = ToCivil(from, zone);
  auto months = [](const Civil& c) { return c.year * 12 + c.month - 1; };
  switch (part) {
    case Part::kMillennium:
      return FloorDiv(a.year, 1000) - FloorDiv(b.year, 1000);
    case Part::kCentury:
      return FloorDiv(a.year, 100) - FloorDiv(b.year, 100);
    case Part::kDecade:
      return FloorDiv(a.year, 10) - FloorDiv(b.year, 10);
    case Part::kYear:
      return a.year - b.year;
    case Part::kQuarter:
      return FloorDiv(months(a), 3) - FloorDiv(months(b), 3);
    case Part::kMonth:
    case Part::kCalendarMonth:
      return months(a) - months(b);
    default:
      break;
  }
  // Shorter parts: the difference of the wall-clock day, hour ... numbers.
  const int64_t wall_a = to + a.offset_seconds * 1000LL, wall_b = from + b.offset_seconds * 1000LL;
  if (part == Part::kWeek) {
    return (FloorDiv(wall_a, 86400000LL) - FloorDiv(wall_b, 86400000LL)) / 7;
  }
  const int64_t unit = FixedLength(part);
  if (!unit) return std::nullopt;
  return FloorDiv(wall_a, unit) - FloorDiv(wall_b, unit);
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
