#include "http/go_duration.h"

#include <cmath>

namespace casql::http {

namespace {

// Appends `value / 10^digits` with the fraction's trailing zeros (and a bare point) removed.
void AppendFraction(uint64_t value, int digits, std::string* out) {
  uint64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  *out += std::to_string(value / scale);
  uint64_t frac = value % scale;
  if (frac == 0) return;
  std::string f = std::to_string(frac);
  f.insert(0, static_cast<size_t>(digits) - f.size(), '0');
  while (!f.empty() && f.back() == '0') f.pop_back();
  *out += "." + f;
}

}  // namespace

std::string FormatGoDuration(std::chrono::nanoseconds d) {
  int64_t ns = d.count();
  std::string out;
  if (ns < 0) {
    out = "-";
    ns = -ns;
  }
  const uint64_t u = static_cast<uint64_t>(ns);
  if (u == 0) return "0s";
  if (u < 1000) return out + std::to_string(u) + "ns";
  if (u < 1000000) {
    AppendFraction(u, 3, &out);
    return out + "\u00b5s";
  }
  if (u < 1000000000) {
    AppendFraction(u, 6, &out);
    return out + "ms";
  }
  const uint64_t hours = u / 3600000000000ull;
  const uint64_t minutes = (u / 60000000000ull) % 60;
  const uint64_t sec_ns = u % 60000000000ull;
  if (hours > 0) out += std::to_string(hours) + "h";
  if (hours > 0 || minutes > 0) out += std::to_string(minutes) + "m";
  AppendFraction(sec_ns, 9, &out);
  return out + "s";
}

std::optional<std::chrono::nanoseconds> ParseGoDuration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text == "0") return std::chrono::nanoseconds(0);
  long double total = 0;
  while (!text.empty()) {
    size_t i = 0;
    while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.')) ++i;
    if (i == 0) return std::nullopt;
    const std::string number(text.substr(0, i));
    text.remove_prefix(i);
    size_t j = 0;
    while (j < text.size() && !((text[j] >= '0' && text[j] <= '9') || text[j] == '.')) ++j;
    const std::string_view unit = text.substr(0, j);
    text.remove_prefix(j);
    long double scale;
    if (unit == "ns") {
      scale = 1;
    } else if (unit == "us" || unit == "\u00b5s") {
      scale = 1e3;
    } else if (unit == "ms") {
      scale = 1e6;
    } else if (unit == "s") {
      scale = 1e9;
    } else if (unit == "m") {
      scale = 60e9;
    } else if (unit == "h") {
      scale = 3600e9;
    } else {
      return std::nullopt;
    }
    char* end = nullptr;
    const long double v = std::strtold(number.c_str(), &end);
    if (end != number.c_str() + number.size()) return std::nullopt;
    total += v * scale;
  }
  if (total > 9.2e18L) return std::nullopt;
  const auto ns = static_cast<int64_t>(std::llround(static_cast<double>(total)));
  return std::chrono::nanoseconds(negative ? -ns : ns);
}

}  // namespace casql::http
