#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace casql::exec::fn {

// Durations in nanoseconds, written and read the way Couchbase's DURATION_TO_STR and
// STR_TO_DURATION do (their "legacy" style is Go's time.Duration text, e.g. "1h2m3.5s").

enum class DurationStyle { kLegacy, kInterval, kCompatible, kSeconds, kDefault };

// The style named (case-insensitively) legacy, interval, compatible, seconds or default.
std::optional<DurationStyle> ParseDurationStyle(std::string_view name);

// kDefault writes as kLegacy.
std::string FormatDuration(int64_t nanos, DurationStyle style);

// nullopt for text that is not a duration in the style. kDefault reads "h:m:s" intervals
// when the text has a colon, otherwise seconds, falling back to Go's duration syntax.
std::optional<int64_t> ParseDuration(std::string_view text, DurationStyle style);

}  // namespace casql::exec::fn
