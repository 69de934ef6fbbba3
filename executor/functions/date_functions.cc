// Date functions over epoch milliseconds and ISO-8601 strings (see date_format.h). A
// malformed date, unknown zone or unknown part gives NULL; an unusable output format falls
// back to the default "YYYY-MM-DDThh:mm:ss.sTZD", as Couchbase does.
#include <chrono>
#include <cmath>

#include "executor/functions/date_format.h"
#include "executor/functions/helpers.h"
#include "executor/functions/registry.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;
using datefmt::Format;
using datefmt::Zone;

// Couchbase caps DATE_RANGE_* results; past this many elements the result is NULL.
constexpr size_t kMaxRange = 1 << 20;

std::optional<int64_t> Millis(const Value& v) {
  if (!v.IsNumber()) return std::nullopt;
  if (v.IsInt()) {
    if (std::llabs(v.AsInt()) > datefmt::kMaxMillis) return std::nullopt;
    return v.AsInt();
  }
  const double d = v.AsDouble();
  if (!std::isfinite(d) || std::fabs(d) > static_cast<double>(datefmt::kMaxMillis)) {
    return std::nullopt;
  }
  return static_cast<int64_t>(std::floor(d));
}

// The output format argument at a[i] (absent: the default); nullopt for a non-string.
std::optional<Format> OutputFormat(Args a, size_t i) {
  if (i >= a.size()) return datefmt::DefaultFormat();
  if (!a[i].IsString()) return std::nullopt;
  auto f = datefmt::ParseFormat(a[i].AsString());
  return f ? *f : datefmt::DefaultFormat();
}

std::optional<Zone> ZoneArg(const Value& v) {
  if (!v.IsString()) return std::nullopt;
  return datefmt::FindZone(v.AsString());
}

std::optional<datefmt::ParsedDate> DateArg(const Value& v, const Format* format = nullptr) {
  if (!v.IsString()) return std::nullopt;
  return datefmt::ParseDate(v.AsString(), format);
}

std::optional<datefmt::Part> PartArg(const Value& v) {
  if (!v.IsString()) return std::nullopt;
  return datefmt::ParsePart(v.AsString());
}

Value Text(int64_t millis, const Zone& zone, const Format& format) {
  return Value(datefmt::FormatDate(millis, zone, format));
}

int64_t NowMillis(ExecContext& ctx) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             ctx.statement_time().time_since_epoch())
      .count();
}
int64_t ClockMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// ---- Current time -----------------------------------------------------------------------

Value NowMillisFn(Args, ExecContext& ctx) {
  return Value(static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(
                                       ctx.statement_time().time_since_epoch())
                                       .count()) /
               1000.0);
}
Value ClockMillisFn(Args, ExecContext&) {
  return Value(static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count()) /
               1000.0);
}

template <bool now, bool utc>
Value CurrentStr(Args a, ExecContext& ctx) {
  const auto format = OutputFormat(a, 0);
  if (!format) return fn::Null();
  return Text(now ? NowMillis(ctx) : ClockMillis(), utc ? datefmt::UtcZone() : datefmt::LocalZone(),
              *format);
}

template <bool now>
Value CurrentTz(Args a, ExecContext& ctx) {
  const auto zone = ZoneArg(a[0]);
  const auto format = OutputFormat(a, 1);
  if (!zone || !format) return fn::Null();
  return Text(now ? NowMillis(ctx) : ClockMillis(), *zone, *format);
}

// ---- Conversions ------------------------------------------------------------------------

template <bool utc>
Value MillisToStr(Args a, ExecContext&) {
  const auto millis = Millis(a[0]);
  const auto format = OutputFormat(a, 1);
  if (!millis || !format) return fn::Null();
  return Text(*millis, utc ? datefmt::UtcZone() : datefmt::LocalZone(), *format);
}

Value MillisToTz(Args a, ExecContext&) {
  const auto millis = Millis(a[0]);
  const auto zone = ZoneArg(a[1]);
  const auto format = OutputFormat(a, 2);
  if (!millis || !zone || !format) return fn::Null();
  return Text(*millis, *zone, *format);
}

Value StrToMillis(Args a, ExecContext&) {
  std::optional<Format> input;
  if (a.size() > 1) {
    if (!a[1].IsString()) return fn::Null();
    input = datefmt::ParseFormat(a[1].AsString());
    if (!input) return fn::Null();
  }
  const auto date = DateArg(a[0], input ? &*input : nullptr);
  if (!date) return fn::Null();
  return Value(date->millis);
}

// STR_TO_UTC(date [, [input_fmt,] fmt]) and STR_TO_TZ(date, tz [, [input_fmt,] fmt]): the
// same instant in another zone, written in the input's format unless fmt says otherwise.
Value ConvertStr(Args a, const Zone& zone, Args formats) {
  std::optional<Format> input, output;
  if (formats.size() == 2) {
    if (!formats[0].IsString()) return fn::Null();
    input = datefmt::ParseFormat(formats[0].AsString());
    if (!input) return fn::Null();
  }
  const auto date = DateArg(a[0], input ? &*input : nullptr);
  if (!date) return fn::Null();
  if (!formats.empty()) {
    output = OutputFormat(formats, formats.size() - 1);
    if (!output) return fn::Null();
  }
  return Text(date->millis, zone, output ? *output : date->format);
}

Value StrToUtc(Args a, ExecContext&) {
  return ConvertStr(a, datefmt::UtcZone(), a.subspan(1));
}

Value StrToTz(Args a, ExecContext&) {
  const auto zone = ZoneArg(a[1]);
  if (!zone) return fn::Null();
  return ConvertStr(a, *zone, a.subspan(2));
}

// DATE_FORMAT_STR(date, [input_fmt,] fmt)
Value DateFormatStr(Args a, ExecContext&) {
  std::optional<Format> input;
  if (a.size() == 3) {
    if (!a[1].IsString()) return fn::Null();
    input = datefmt::ParseFormat(a[1].AsString());
    if (!input) return fn::Null();
  }
  const auto date = DateArg(a[0], input ? &*input : nullptr);
  const auto format = OutputFormat(a, a.size() - 1);
  if (!date || !format) return fn::Null();
  return Text(date->millis, date->zone, *format);
}

// ---- Arithmetic and parts ----------------------------------------------------------------

Value AddMillis(Args a, ExecContext&) {
  const auto millis = Millis(a[0]);
  const auto n = fn::Integer(a[1]);
  const auto part = PartArg(a[2]);
  if (!millis || !n || !part) return fn::Null();
  const auto r = datefmt::DateAdd(*millis, datefmt::LocalZone(), *n, *part);
  return r ? Value(*r) : fn::Null();
}

// DATE_ADD_STR answers in the input's format and zone, except that a space between date and
// time becomes 'T' (Couchbase's documented "2016-05-15 03:59:00Z" + 3 days is
// "2016-05-18T03:59:00Z", while "2006-01-02" + 1 year stays "2007-01-02").
Value AddStr(Args a, ExecContext&) {
  auto date = DateArg(a[0]);
  const auto n = fn::Integer(a[1]);
  const auto part = PartArg(a[2]);
  if (!date || !n || !part) return fn::Null();
  const auto r = datefmt::DateAdd(date->millis, date->zone, *n, *part);
  if (!r) return fn::Null();
  auto& elements = date->format.elements;
  for (size_t i = 1; i < elements.size(); ++i) {
    if (elements[i].field == datefmt::Field::kLiteral && elements[i].literal == " " &&
        elements[i - 1].field == datefmt::Field::kDay2) {
      elements[i].literal = "T";
    }
  }
  return Text(*r, date->zone, date->format);
}

Value DiffMillis(Args a, ExecContext&) {
  const auto to = Millis(a[0]);
  const auto from = Millis(a[1]);
  const auto part = PartArg(a[2]);
  if (!to || !from || !part) return fn::Null();
  const auto r = datefmt::DateDiff(*to, *from, datefmt::LocalZone(), *part);
  return r ? Value(*r) : fn::Null();
}

Value DiffStr(Args a, ExecContext&) {
  const auto to = DateArg(a[0]);
  const auto from = DateArg(a[1]);
  const auto part = PartArg(a[2]);
  if (!to || !from || !part) return fn::Null();
  const auto r = datefmt::DateDiff(to->millis, from->millis, to->zone, *part);
  return r ? Value(*r) : fn::Null();
}

template <bool absolute>
Value DiffMillisFn(Args a, ExecContext& ctx) {
  Value d = DiffMillis(a, ctx);
  return absolute && d.IsInt() ? Value(static_cast<int64_t>(std::llabs(d.AsInt()))) : d;
}

template <bool absolute>
Value DiffStrFn(Args a, ExecContext& ctx) {
  Value d = DiffStr(a, ctx);
  return absolute && d.IsInt() ? Value(static_cast<int64_t>(std::llabs(d.AsInt()))) : d;
}

Value PartMillis(Args a, ExecContext&) {
  const auto millis = Millis(a[0]);
  const auto part = PartArg(a[1]);
  std::optional<Zone> zone = datefmt::LocalZone();
  if (a.size() > 2) zone = ZoneArg(a[2]);
  if (!millis || !part || !zone) return fn::Null();
  const auto r = datefmt::DatePart(*millis, *zone, *part);
  return r ? Value(*r) : fn::Null();
}

Value PartStr(Args a, ExecContext&) {
  const auto date = DateArg(a[0]);
  const auto part = PartArg(a[1]);
  if (!date || !part) return fn::Null();
  const auto r = datefmt::DatePart(date->millis, date->zone, *part);
  return r ? Value(*r) : fn::Null();
}

// DATE_TRUNC_MILLIS truncates in UTC, as Couchbase's documented results show.
Value TruncMillis(Args a, ExecContext&) {
  const auto millis = Millis(a[0]);
  const auto part = PartArg(a[1]);
  if (!millis || !part) return fn::Null();
  const auto r = datefmt::DateTrunc(*millis, datefmt::UtcZone(), *part);
  return r ? Value(*r) : fn::Null();
}

// DATE_TRUNC_STR(date, part [, input_fmt]): truncated in the string's zone and format.
Value TruncStr(Args a, ExecContext&) {
  std::optional<Format> input;
  if (a.size() > 2) {
    if (!a[2].IsString()) return fn::Null();
    input = datefmt::ParseFormat(a[2].AsString());
    if (!input) return fn::Null();
  }
  const auto date = DateArg(a[0], input ? &*input : nullptr);
  const auto part = PartArg(a[1]);
  if (!date || !part) return fn::Null();
  const auto r = datefmt::DateTrunc(date->millis, date->zone, *part);
  return r ? Text(*r, date->zone, date->format) : fn::Null();
}

// Each element adds n parts to the previous one (calendar_month: i*n months to the start, so
// a month's end stays a month's end); empty when n points away from `end`.
std::optional<std::vector<int64_t>> Range(int64_t start, int64_t end, const Zone& zone,
                                          datefmt::Part part, int64_t n) {
  std::vector<int64_t> out;
  if (n == 0) return std::nullopt;
  const bool from_start = part == datefmt::Part::kCalendarMonth;
  for (int64_t t = start; n > 0 ? t < end : t > end;) {
    if (out.size() >= kMaxRange) return std::nullopt;
    out.push_back(t);
    const int64_t steps = static_cast<int64_t>(out.size());
    const auto next = from_start ? datefmt::DateAdd(start, zone, n * steps, part)
                                 : datefmt::DateAdd(t, zone, n, part);
    if (!next || *next == t) return std::nullopt;
    t = *next;
  }
  return out;
}

Value RangeMillis(Args a, ExecContext&) {
  const auto start = Millis(a[0]);
  const auto end = Millis(a[1]);
  const auto part = PartArg(a[2]);
  const auto n = a.size() > 3 ? fn::Integer(a[3]) : std::optional<int64_t>(1);
  if (!start || !end || !part || !n) return fn::Null();
  const auto range = Range(*start, *end, datefmt::LocalZone(), *part, *n);
  if (!range) return fn::Null();
  return Value(Array(range->begin(), range->end()));
}

Value RangeStr(Args a, ExecContext&) {
  const auto start = DateArg(a[0]);
  const auto end = DateArg(a[1]);
  const auto part = PartArg(a[2]);
  const auto n = a.size() > 3 ? fn::Integer(a[3]) : std::optional<int64_t>(1);
  if (!start || !end || !part || !n) return fn::Null();
  const auto range = Range(start->millis, end->millis, start->zone, *part, *n);
  if (!range) return fn::Null();
  Array out;
  out.reserve(range->size());
  for (int64_t t : *range) out.push_back(Text(t, start->zone, start->format));
  return Value(std::move(out));
}

Value WeekdayMillis(Args a, ExecContext&) {
  const auto millis = Millis(a[0]);
  std::optional<Zone> zone = datefmt::LocalZone();
  if (a.size() > 1) zone = ZoneArg(a[1]);
  if (!millis || !zone) return fn::Null();
  const auto dow = datefmt::DatePart(*millis, *zone, datefmt::Part::kDayOfWeek);
  return dow ? Value(datefmt::WeekdayName(static_cast<int>(*dow))) : fn::Null();
}

Value WeekdayStr(Args a, ExecContext&) {
  const auto date = DateArg(a[0]);
  if (!date) return fn::Null();
  const auto dow = datefmt::DatePart(date->millis, date->zone, datefmt::Part::kDayOfWeek);
  return dow ? Value(datefmt::WeekdayName(static_cast<int>(*dow))) : fn::Null();
}

constexpr FunctionFamily kDate = FunctionFamily::kDate;
constexpr UnknownArgs kProp = UnknownArgs::kPropagate;

const FunctionDef kDateFunctions[] = {
    {"clock_local", 0, 1, false, kProp, kDate, CurrentStr<false, false>, "Same as CLOCK_STR()."},
    {"clock_millis", 0, 0, false, kProp, kDate, ClockMillisFn,
     "The current time in epoch milliseconds (with a fraction), read at each call."},
    {"clock_str", 0, 1, false, kProp, kDate, CurrentStr<false, false>,
     "The current local time as a string in the format (default: full date and time)."},
    {"clock_tz", 1, 2, false, kProp, kDate, CurrentTz<false>,
     "The current time in a time zone, as a string."},
    {"clock_utc", 0, 1, false, kProp, kDate, CurrentStr<false, true>,
     "The current UTC time as a string."},
    {"date_add_millis", 3, 3, true, kProp, kDate, AddMillis,
     "Epoch millis plus n parts (year, month, day, hour ...)."},
    {"date_add_str", 3, 3, true, kProp, kDate, AddStr,
     "A date string plus n parts (calendar_month: stopping at the month's end), in its format."},
    {"date_diff_abs_millis", 3, 3, true, kProp, kDate, DiffMillisFn<true>,
     "The absolute value of DATE_DIFF_MILLIS()."},
    {"date_diff_abs_str", 3, 3, true, kProp, kDate, DiffStrFn<true>,
     "The absolute value of DATE_DIFF_STR()."},
    {"date_diff_millis", 3, 3, true, kProp, kDate, DiffMillisFn<false>,
     "The first epoch millis' part number minus the second's (calendar parts, not elapsed)."},
    {"date_diff_str", 3, 3, true, kProp, kDate, DiffStrFn<false>,
     "The first date string's part number minus the second's (calendar parts)."},
    {"date_format_str", 2, 3, true, kProp, kDate, DateFormatStr,
     "A date string rewritten in another format (optionally parsed with an input format)."},
    {"date_part_millis", 2, 3, true, kProp, kDate, PartMillis,
     "One part of epoch millis, in a time zone (default: local)."},
    {"date_part_str", 2, 2, true, kProp, kDate, PartStr, "One part of a date string."},
    {"date_range_millis", 3, 4, true, kProp, kDate, RangeMillis,
     "Epoch millis from start (inclusive) to end (exclusive) every n parts."},
    {"date_range_str", 3, 4, true, kProp, kDate, RangeStr,
     "Date strings from start (inclusive) to end (exclusive) every n parts, in start's format."},
    {"date_trunc_millis", 2, 2, true, kProp, kDate, TruncMillis,
     "Epoch millis truncated to a part, in UTC."},
    {"date_trunc_str", 2, 3, true, kProp, kDate, TruncStr,
     "A date string truncated to a part, in its own zone and format."},
    {"millis", 1, 2, true, kProp, kDate, StrToMillis, "Same as STR_TO_MILLIS()."},
    {"millis_to_local", 1, 2, true, kProp, kDate, MillisToStr<false>, "Same as MILLIS_TO_STR()."},
    {"millis_to_str", 1, 2, true, kProp, kDate, MillisToStr<false>,
     "Epoch millis as a local date string in the format (default: full date and time)."},
    {"millis_to_tz", 2, 3, true, kProp, kDate, MillisToTz,
     "Epoch millis as a date string in a time zone."},
    {"millis_to_utc", 1, 2, true, kProp, kDate, MillisToStr<true>,
     "Epoch millis as a UTC date string."},
    {"millis_to_zone_name", 2, 3, true, kProp, kDate, MillisToTz, "Same as MILLIS_TO_TZ()."},
    {"now_local", 0, 1, false, kProp, kDate, CurrentStr<true, false>, "Same as NOW_STR()."},
    {"now_millis", 0, 0, false, kProp, kDate, NowMillisFn,
     "The statement's start time in epoch milliseconds; the same for the whole statement."},
    {"now_str", 0, 1, false, kProp, kDate, CurrentStr<true, false>,
     "The statement's start time as a local date string."},
    {"now_tz", 1, 2, false, kProp, kDate, CurrentTz<true>,
     "The statement's start time as a date string in a time zone."},
    {"now_utc", 0, 1, false, kProp, kDate, CurrentStr<true, true>,
     "The statement's start time as a UTC date string."},
    {"str_to_millis", 1, 2, true, kProp, kDate, StrToMillis,
     "A date string (optionally in the given format) as epoch millis."},
    {"str_to_tz", 2, 4, true, kProp, kDate, StrToTz,
     "A date string converted to a time zone, in the input's format unless one is given."},
    {"str_to_utc", 1, 3, true, kProp, kDate, StrToUtc,
     "A date string converted to UTC, in the input's format unless one is given."},
    {"str_to_zone_name", 2, 4, true, kProp, kDate, StrToTz, "Same as STR_TO_TZ()."},
    {"weekday_millis", 1, 2, true, kProp, kDate, WeekdayMillis,
     "The English day name of epoch millis, in a time zone (default: local)."},
    {"weekday_str", 1, 1, true, kProp, kDate, WeekdayStr, "The English day name of a date string."},
};

}  // namespace

std::span<const FunctionDef> DateFunctions() {
  return kDateFunctions;
}

}  // namespace casql::exec
