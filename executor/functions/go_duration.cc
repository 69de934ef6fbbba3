#include "executor/functions/go_duration.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace casql::exec::fn {

namespace {

constexpr uint64_t kSecond = 1000000000;
constexpr uint64_t kMinute = 60 * kSecond;
constexpr uint64_t kHour = 60 * kMinute;
constexpr uint64_t kMaxMagnitude = uint64_t{1} << 63;

// Writes the `digits` low decimal digits of *v as a fraction without trailing zeros (nothing
// when they are all zero) in front of *out, and divides *v by 10^digits.
void PrependFraction(uint64_t* v, int digits, std::string* out) {
  std::string frac;
  bool print = false;
  for (int i = 0; i < digits; ++i) {
    const uint64_t digit = *v % 10;
    print = print || digit != 0;
    if (print) frac.insert(frac.begin(), static_cast<char>('0' + digit));
    *v /= 10;
  }
  if (print) out->insert(0, "." + frac);
}

// Go's time.Duration.String.
std::string GoDurationText(int64_t d) {
  if (d == 0) return "0s";
  const bool neg = d < 0;
  uint64_t u = neg ? uint64_t{0} - static_cast<uint64_t>(d) : static_cast<uint64_t>(d);
  std::string out;
  if (u < kSecond) {
    if (u < 1000) {
      out = std::to_string(u) + "ns";
    } else {
      const bool micro = u < 1000000;
      out = micro ? "\xC2\xB5s" : "ms";
      PrependFraction(&u, micro ? 3 : 6, &out);
      out.insert(0, std::to_string(u));
    }
  } else {
    out = "s";
    PrependFraction(&u, 9, &out);
    out.insert(0, std::to_string(u % 60));
    u /= 60;
    if (u > 0) {
      out.insert(0, std::to_string(u % 60) + "m");
      u /= 60;
      if (u > 0) out.insert(0, std::to_string(u) + "h");
    }
  }
  return neg ? "-" + out : out;
}

// Couchbase drops six, or else three, trailing zeros of its fixed-precision forms.
std::string TrimZeros(std::string s) {
  if (s.size() > 6 && s.ends_with("000000")) {
    s.resize(s.size() - 6);
  } else if (s.size() > 3 && s.ends_with("000")) {
    s.resize(s.size() - 3);
  }
  return s;
}

std::string SecondsText(int64_t d) {
  const double seconds = static_cast<double>(d / static_cast<int64_t>(kSecond)) +
                         static_cast<double>(d % static_cast<int64_t>(kSecond)) / 1e9;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9f", seconds);
  return TrimZeros(buf);
}

// "h:mm:ss.fffffffff" (sign first), as Couchbase's interval style.
std::string IntervalText(int64_t d) {
  const bool neg = d < 0;
  const uint64_t u = neg ? uint64_t{0} - static_cast<uint64_t>(d) : static_cast<uint64_t>(d);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s%llu:%02llu:%02llu.%09llu", neg ? "-" : "",
                static_cast<unsigned long long>(u / kHour),
                static_cast<unsigned long long>(u % kHour / kMinute),
                static_cast<unsigned long long>(u % kMinute / kSecond),
                static_cast<unsigned long long>(u % kSecond));
  return TrimZeros(buf);
}

// Go's time.ParseDuration: an optional sign, then one or more decimal numbers each followed
// by a unit (ns, us, µs, ms, s, m, h), or "0".
std::optional<int64_t> GoParseDuration(std::string_view s) {
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return 0;
  if (s.empty()) return std::nullopt;
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  uint64_t total = 0;
  while (!s.empty()) {
    if (s[0] != '.' && !is_digit(s[0])) return std::nullopt;
    uint64_t whole = 0;
    size_t i = 0;
    for (; i < s.size() && is_digit(s[i]); ++i) {
      if (whole > (kMaxMagnitude - 1) / 10) return std::nullopt;
      whole = whole * 10 + static_cast<uint64_t>(s[i] - '0');
      if (whole > kMaxMagnitude - 1) return std::nullopt;
    }
    const bool pre = i > 0;
    s.remove_prefix(i);
    uint64_t frac = 0;
    double scale = 1;
    bool post = false;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      bool overflow = false;
      size_t j = 0;
      for (; j < s.size() && is_digit(s[j]); ++j) {
        if (overflow) continue;
        if (frac > (kMaxMagnitude - 1) / 10) {
          overflow = true;
          continue;
        }
        const uint64_t next = frac * 10 + static_cast<uint64_t>(s[j] - '0');
        if (next > kMaxMagnitude) {
          overflow = true;
          continue;
        }
        frac = next;
        scale *= 10;
      }
      post = j > 0;
      s.remove_prefix(j);
    }
    if (!pre && !post) return std::nullopt;
    size_t u = 0;
    while (u < s.size() && s[u] != '.' && !is_digit(s[u])) ++u;
    const std::string_view unit_name = s.substr(0, u);
    s.remove_prefix(u);
    uint64_t unit = 0;
    if (unit_name == "ns") {
      unit = 1;
    } else if (unit_name == "us" || unit_name == "\xC2\xB5s" || unit_name == "\xCE\xBCs") {
      unit = 1000;
    } else if (unit_name == "ms") {
      unit = 1000000;
    } else if (unit_name == "s") {
      unit = kSecond;
    } else if (unit_name == "m") {
      unit = kMinute;
    } else if (unit_name == "h") {
      unit = kHour;
    } else {
      return std::nullopt;
    }
    if (whole > kMaxMagnitude / unit) return std::nullopt;
    whole *= unit;
    if (frac > 0) {
      whole +=
          static_cast<uint64_t>(static_cast<double>(frac) * (static_cast<double>(unit) / scale));
      if (whole > kMaxMagnitude) return std::nullopt;
    }
    total += whole;
    if (total > kMaxMagnitude) return std::nullopt;
  }
  if (neg) return static_cast<int64_t>(uint64_t{0} - total);
  if (total > kMaxMagnitude - 1) return std::nullopt;
  return static_cast<int64_t>(total);
}

// Go's strconv.ParseFloat for the decimal forms (strtod also reads infinities and NaN, which
// give no duration below).
std::optional<double> ParseFloat(std::string_view s) {
  if (s.empty() || s[0] == ' ' || s[0] == '\t' || s[0] == '\n') return std::nullopt;
  const std::string text(s);
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return v;
}

std::optional<int64_t> ParseInt(std::string_view s) {
  const std::string text(s);
  if (text.empty() || text[0] == ' ') return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || end != text.c_str() + text.size()) return std::nullopt;
  return v;
}

// Go converts float64 nanoseconds to a Duration by truncation; values that do not fit give
// no duration here.
std::optional<int64_t> SecondsToNanos(double seconds) {
  const double nanos = seconds * 1e9;
  if (!std::isfinite(nanos) || nanos >= 9223372036854775808.0 || nanos < -9223372036854775808.0) {
    return std::nullopt;
  }
  return static_cast<int64_t>(nanos);
}

std::optional<int64_t> ParseSeconds(std::string_view text, bool fallback) {
  const auto seconds = ParseFloat(text);
  if (!seconds) return fallback ? GoParseDuration(text) : std::nullopt;
  return SecondsToNanos(*seconds);
}

std::optional<int64_t> ParseInterval(std::string_view text, bool fallback) {
  std::string_view parts[3];
  size_t count = 0;
  for (size_t start = 0;;) {
    const size_t colon = text.find(':', start);
    if (count == 3) return std::nullopt;
    parts[count++] = text.substr(start, colon == std::string_view::npos ? colon : colon - start);
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  int64_t hours = 0;
  int64_t minutes = 0;
  size_t next = 0;
  if (count == 3) {
    const auto h = ParseInt(parts[next++]);
    if (!h) return std::nullopt;
    hours = *h;
  }
  if (count >= 2) {
    const auto m = ParseInt(parts[next++]);
    if (!m) return std::nullopt;
    minutes = *m;
  }
  const auto seconds = ParseFloat(parts[next]);
  if (!seconds) return fallback && count == 1 ? GoParseDuration(text) : std::nullopt;
  const auto nanos = SecondsToNanos(*seconds);
  if (!nanos) return std::nullopt;
  int64_t total;
  if (__builtin_mul_overflow(hours, static_cast<int64_t>(kHour), &hours) ||
      __builtin_mul_overflow(minutes, static_cast<int64_t>(kMinute), &minutes) ||
      __builtin_add_overflow(hours, minutes, &total) ||
      __builtin_add_overflow(total, *nanos, &total)) {
    return std::nullopt;
  }
  return total;
}

}  // namespace

std::optional<DurationStyle> ParseDurationStyle(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "legacy") return DurationStyle::kLegacy;
  if (lower == "interval") return DurationStyle::kInterval;
  if (lower == "compatible") return DurationStyle::kCompatible;
  if (lower == "seconds") return DurationStyle::kSeconds;
  if (lower == "default") return DurationStyle::kDefault;
  return std::nullopt;
}

std::string FormatDuration(int64_t nanos, DurationStyle style) {
  switch (style) {
    case DurationStyle::kInterval:
      return IntervalText(nanos);
    case DurationStyle::kCompatible:
      return SecondsText(nanos) + "s";
    case DurationStyle::kSeconds:
      return SecondsText(nanos);
    case DurationStyle::kLegacy:
    case DurationStyle::kDefault:
      break;
  }
  return GoDurationText(nanos);
}

std::optional<int64_t> ParseDuration(std::string_view text, DurationStyle style) {
  switch (style) {
    case DurationStyle::kDefault:
      return text.find(':') != std::string_view::npos ? ParseInterval(text, true)
                                                      : ParseSeconds(text, true);
    case DurationStyle::kSeconds:
      return ParseSeconds(text, false);
    case DurationStyle::kInterval:
      return ParseInterval(text, false);
    case DurationStyle::kLegacy:
    case DurationStyle::kCompatible:
      break;
  }
  return GoParseDuration(text);
}

}  // namespace casql::exec::fn
