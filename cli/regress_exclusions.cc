#include "cli/regress_exclusions.h"

#include <fnmatch.h>

#include <algorithm>
#include <fstream>

namespace casql::regress {

namespace {

// The last `count` '/'-separated components of `path`.
std::string LastComponents(const std::string& path, size_t count) {
  size_t start = path.size();
  for (size_t seen = 0; seen < count; ++seen) {
    const size_t slash = start == 0 ? std::string::npos : path.rfind('/', start - 1);
    if (slash == std::string::npos) return path;
    start = slash;
  }
  return path.substr(start + 1);
}

}  // namespace

Result<Exclusions> Exclusions::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status(ErrorCode::kInternal, "cannot read the exclusions file " + path);
  Exclusions exclusions;
  std::string text;
  int number = 0;
  while (std::getline(in, text)) {
    ++number;
    const size_t start = text.find_first_not_of(" \t");
    if (start == std::string::npos || text[start] == '#') continue;
    const size_t end = text.find_first_of(" \t", start);
    const size_t reason = end == std::string::npos ? end : text.find_first_not_of(" \t", end);
    if (reason == std::string::npos) {
      return Status(ErrorCode::kInternal, path + ":" + std::to_string(number) +
                                              ": an exclusion needs a reason after the pattern");
    }
    Rule rule;
    rule.pattern = text.substr(start, end - start);
    rule.reason = text.substr(reason);
    const size_t colon = rule.pattern.rfind(':');
    if (colon != std::string::npos) {
      const std::string digits = rule.pattern.substr(colon + 1);
      if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ::isdigit)) {
        return Status(ErrorCode::kInternal,
                      path + ":" + std::to_string(number) + ": expected PATTERN[:LINE]");
      }
      rule.line = std::stoi(digits);
      rule.pattern.resize(colon);
    }
    exclusions.rules_.push_back(std::move(rule));
  }
  return exclusions;
}

const Exclusions::Rule* Exclusions::Match(const std::string& file, int line) const {
  for (const Rule& rule : rules_) {
    if (rule.line != 0 && rule.line != line) continue;
    const size_t depth = std::count(rule.pattern.begin(), rule.pattern.end(), '/') + 1;
    if (fnmatch(rule.pattern.c_str(), LastComponents(file, depth).c_str(), FNM_PATHNAME) == 0) {
      return &rule;
    }
  }
  return nullptr;
}

}  // namespace casql::regress
