#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace casql::http {

// Formats a duration as Go's time.Duration.String() does ("1.234567ms", "12.3µs", "2.5s",
// "1m3.2s"): Couchbase's metrics use this form and SDKs parse it.
std::string FormatGoDuration(std::chrono::nanoseconds d);

// Parses a Go duration ("75s", "500ms", "1m30s", "1.5h"; units ns, us, µs, ms, s, m, h).
// A bare number is not accepted (Couchbase 7.x requires a unit).
std::optional<std::chrono::nanoseconds> ParseGoDuration(std::string_view text);

}  // namespace casql::http
