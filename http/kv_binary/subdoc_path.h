#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "value/value.h"

namespace casql::kvbin {

// One step of a sub-document path: a field name or an array index (-1 = the last element).
struct PathStep {
  bool is_index = false;
  std::string field;
  int64_t index = 0;
};

// Parses a sub-document path: `a.b[2].c`, `[-1]`, with backquotes around field names that
// contain '.', '[' or '`' (a doubled backquote stands for one). The empty path is the whole
// document (no steps). nullopt for a malformed path (SUBDOC_PATH_EINVAL).
std::optional<std::vector<PathStep>> ParseSubdocPath(std::string_view path);

// Maximum depth kv_engine allows a path (and a document) to have.
inline constexpr size_t kMaxSubdocDepth = 32;

// Follows `steps` from `root`. Returns the value or the sub-document status that explains why
// there is none: PATH_ENOENT (a missing field or index), PATH_MISMATCH (a step of the wrong
// kind for the value it meets).
struct Located {
  const Value* value = nullptr;
  uint16_t status = 0;
};
Located LocatePath(const Value& root, const std::vector<PathStep>& steps);

}  // namespace casql::kvbin
