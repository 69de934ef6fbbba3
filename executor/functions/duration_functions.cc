// DURATION_TO_STR and STR_TO_DURATION: nanosecond counts to and from text (go_duration.h).
#include "executor/functions/go_duration.h"
#include "executor/functions/helpers.h"
#include "executor/functions/registry.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;

// The style named by the optional second argument (empty: `fallback`), or nullopt when it
// is not a string or names no style.
std::optional<fn::DurationStyle> StyleArg(Args a, fn::DurationStyle fallback) {
  if (a.size() < 2) return fallback;
  if (!a[1].IsString()) return std::nullopt;
  if (a[1].AsString().empty()) return fallback;
  return fn::ParseDurationStyle(a[1].AsString());
}

// DURATION_TO_STR(nanoseconds [, style]); a fraction of a nanosecond is dropped.
Value DurationToStr(Args a, ExecContext&) {
  const auto style = StyleArg(a, fn::DurationStyle::kLegacy);
  if (!a[0].IsNumber() || !style) return fn::Null();
  const double d = a[0].IsInt() ? static_cast<double>(a[0].AsInt()) : a[0].AsDouble();
  if (!std::isfinite(d) || d >= 9223372036854775808.0 || d < -9223372036854775808.0) {
    return fn::Null();
  }
  const int64_t nanos = a[0].IsInt() ? a[0].AsInt() : static_cast<int64_t>(d);
  return Value(fn::FormatDuration(nanos, *style));
}

// STR_TO_DURATION(text [, style]): nanoseconds, NULL for text that is not a duration.
Value StrToDuration(Args a, ExecContext&) {
  const auto style = StyleArg(a, fn::DurationStyle::kDefault);
  if (!a[0].IsString() || !style) return fn::Null();
  const auto nanos = fn::ParseDuration(a[0].AsString(), *style);
  return nanos ? Value(*nanos) : fn::Null();
}

constexpr FunctionFamily kDate = FunctionFamily::kDate;
constexpr UnknownArgs kProp = UnknownArgs::kPropagate;

const FunctionDef kDurationFunctions[] = {
    {"duration_to_str", 1, 2, true, kProp, kDate, DurationToStr,
     "Nanoseconds as text: \"1h2m3s\" (styles legacy, interval, compatible, seconds)."},
    {"str_to_duration", 1, 2, true, kProp, kDate, StrToDuration,
     "A duration text (\"1h30m\", \"1:30:00\", \"5400\") as nanoseconds."},
};

}  // namespace

std::span<const FunctionDef> DurationFunctions() {
  return kDurationFunctions;
}

}  // namespace casql::exec
