#include "planner/keyspace_path.h"

#include <vector>

namespace casql::plan {

std::string KeyspacePath::FullName() const {
  if (is_system || written_as_bucket) return ns + ":" + bucket;
  return ns + ":" + bucket + "." + scope + "." + collection;
}

std::string_view KeyspacePath::LastPart() const {
  if (is_system || written_as_bucket) return bucket;
  return collection;
}

namespace {

struct QueryContext {
  std::string ns;
  std::vector<std::string> parts;  // bucket[, scope]
};

Result<QueryContext> ParseQueryContext(std::string_view text) {
  QueryContext ctx;
  const size_t colon = text.find(':');
  if (colon != std::string_view::npos) {
    ctx.ns = std::string(text.substr(0, colon));
    text.remove_prefix(colon + 1);
  }
  std::string part;
  bool quoted = false;
  for (char c : text) {
    if (c == '`') {
      quoted = !quoted;
    } else if (c == '.' && !quoted) {
      ctx.parts.push_back(part);
      part.clear();
    } else {
      part.push_back(c);
    }
  }
  ctx.parts.push_back(part);
  if (quoted || ctx.parts.size() > 2 || ctx.parts.front().empty() ||
      (ctx.parts.size() == 2 && ctx.parts[1].empty())) {
    return Status(ErrorCode::kSemantics, "Invalid query context " + std::string(text));
  }
  return ctx;
}

}  // namespace

Result<KeyspacePath> ResolveKeyspace(const ast::KeyspaceRef& ref, std::string_view query_context) {
  KeyspacePath path;
  if (!ref.ns.empty()) path.ns = ref.ns;
  if (ref.ns == "system") {
    if (ref.path.size() != 1) {
      return Status(ErrorCode::kKeyspaceNotFound,
                    FormatError(ErrorCode::kKeyspaceNotFound, {"system:" + ref.path.front()}));
    }
    path.is_system = true;
    path.bucket = ref.path.front();
    return path;
  }
  QueryContext ctx;
  if (!query_context.empty() && ref.ns.empty()) {
    auto parsed = ParseQueryContext(query_context);
    if (!parsed.ok()) return parsed.status();
    ctx = std::move(parsed.value());
    if (!ctx.ns.empty()) path.ns = ctx.ns;
  }
  const auto& parts = ref.path;
  if (parts.size() == 3) {
    path.bucket = parts[0];
    path.scope = parts[1];
    path.collection = parts[2];
    path.written_as_bucket = false;
  } else if (parts.size() == 1 && ctx.parts.size() == 2) {
    path.bucket = ctx.parts[0];
    path.scope = ctx.parts[1];
    path.collection = parts[0];
    path.written_as_bucket = false;
  } else if (parts.size() == 1 && ctx.parts.size() == 1) {
    path.bucket = ctx.parts[0];
    path.collection = parts[0];
    path.written_as_bucket = false;
  } else if (parts.size() == 1) {
    path.bucket = parts[0];
  } else if (parts.size() == 2 && ctx.parts.size() == 1) {
    path.bucket = ctx.parts[0];
    path.scope = parts[0];
    path.collection = parts[1];
    path.written_as_bucket = false;
  } else {
    std::string written;
    for (const auto& p : parts) written += (written.empty() ? "" : ".") + p;
    return Status(ErrorCode::kSemantics, "Keyspace resolves to " + path.ns + ":" + written +
                                             " - only 2 or 4 parts are valid: check "
                                             "query_context?");
  }
  return path;
}

}  // namespace casql::plan
