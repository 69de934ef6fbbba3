// Writing a moment in a zone in a date format.
#include "executor/functions/date_internal.h"

namespace casql::exec::datefmt {

using namespace internal;  // NOLINT(google-build-using-namespace): the shared helpers.

namespace {

std::string CaseName(std::string name, const Element& e) {
  if (e.upper) std::transform(name.begin(), name.end(), name.begin(), ::toupper);
  if (e.lower) std::transform(name.begin(), name.end(), name.begin(), ::tolower);
  return name;
}

}  // namespace

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

}  // namespace casql::exec::datefmt
