// Zones and the conversion between epoch milliseconds and wall-clock time.
#include <date/tz.h>

#include "executor/functions/date_internal.h"

namespace casql::exec::datefmt {

using namespace internal;  // NOLINT(google-build-using-namespace): the shared helpers.

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

}  // namespace casql::exec::datefmt
