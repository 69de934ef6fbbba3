#include "http/kv_binary/subdoc_path.h"

#include <charconv>

#include "http/kv_binary/wire_status.h"

namespace casql::kvbin {

namespace {

bool ParseIndex(std::string_view text, int64_t* out) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return error == std::errc() && end == text.data() + text.size() && *out >= -1;
}

}  // namespace

std::optional<std::vector<PathStep>> ParseSubdocPath(std::string_view path) {
  std::vector<PathStep> steps;
  size_t pos = 0;
  bool expect_field = true;  // at the start or after a '.'
  while (pos < path.size()) {
    if (path[pos] == '[') {
      const size_t close = path.find(']', pos);
      if (close == std::string_view::npos) return std::nullopt;
      PathStep step;
      step.is_index = true;
      if (!ParseIndex(path.substr(pos + 1, close - pos - 1), &step.index)) return std::nullopt;
      steps.push_back(std::move(step));
      pos = close + 1;
      expect_field = false;
      continue;
    }
    if (path[pos] == '.') {
      if (expect_field) return std::nullopt;  // empty field name
      ++pos;
      expect_field = true;
      if (pos == path.size()) return std::nullopt;
      continue;
    }
    if (!expect_field) return std::nullopt;  // `a[0]b`
    PathStep step;
    if (path[pos] == '`') {
      ++pos;
      while (true) {
        if (pos >= path.size()) return std::nullopt;
        if (path[pos] == '`') {
          if (pos + 1 < path.size() && path[pos + 1] == '`') {
            step.field.push_back('`');
            pos += 2;
            continue;
          }
          ++pos;
          break;
        }
        step.field.push_back(path[pos++]);
      }
    } else {
      while (pos < path.size() && path[pos] != '.' && path[pos] != '[') {
        if (path[pos] == ']' || path[pos] == '`') return std::nullopt;
        step.field.push_back(path[pos++]);
      }
    }
    steps.push_back(std::move(step));
    expect_field = false;
  }
  if (steps.size() > kMaxSubdocDepth) return std::nullopt;
  return steps;
}

Located LocatePath(const Value& root, const std::vector<PathStep>& steps) {
  const Value* at = &root;
  for (const PathStep& step : steps) {
    if (step.is_index) {
      if (!at->IsArray()) return {nullptr, kSubdocPathMismatch};
      const Array& array = at->AsArray();
      const int64_t index = step.index == -1 ? static_cast<int64_t>(array.size()) - 1 : step.index;
      if (index < 0 || index >= static_cast<int64_t>(array.size())) {
        return {nullptr, kSubdocPathEnoent};
      }
      at = &array[static_cast<size_t>(index)];
    } else {
      if (!at->IsObject()) return {nullptr, kSubdocPathMismatch};
      const Value* next = at->AsObject().Find(step.field);
      if (next == nullptr) return {nullptr, kSubdocPathEnoent};
      at = next;
    }
  }
  return {at, kSuccess};
}

}  // namespace casql::kvbin
