#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "value/value.h"

namespace casql::exec::fn {

// Small shared pieces of the function bodies.

inline Value Null() {
  return Value::Null();
}

// The integral value of a number (1 and 1.0 alike), or nullopt for a fraction, NaN, an
// infinity or a non-number: Couchbase returns NULL where it needs an integer and gets one of
// those.
inline std::optional<int64_t> Integer(const Value& v) {
  if (v.IsInt()) return v.AsInt();
  if (!v.IsDouble()) return std::nullopt;
  const double d = v.AsDouble();
  if (!std::isfinite(d) || d != std::trunc(d) || d >= 9223372036854775808.0 ||
      d < -9223372036854775808.0) {
    return std::nullopt;
  }
  return static_cast<int64_t>(d);
}

// A double result, written as an int64 when it is integral and fits, so that FLOOR(2.5) is
// 2 and compares, prints and feeds integer arithmetic as an integer.
inline Value Number(double d) {
  if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9007199254740992.0) {
    return Value(static_cast<int64_t>(d));
  }
  return Value(d);
}

// Number of UTF-8 code points (continuation bytes are not counted).
inline size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace casql::exec::fn
