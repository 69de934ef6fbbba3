#pragma once

#include <string>
#include <string_view>

#include "parser/ast/statement.h"
#include "value/status.h"

namespace casql::plan {

// A keyspace after resolution against the request's query_context: always namespace + bucket,
// and scope + collection (both "_default" for a bucket's default collection).
struct KeyspacePath {
  std::string ns = "default";
  std::string bucket;
  std::string scope = "_default";
  std::string collection = "_default";
  bool is_system = false;  // system:keyspaces and friends; bucket holds the catalog name

  bool IsDefaultCollection() const { return scope == "_default" && collection == "_default"; }
  // Couchbase's qualified name: "default:b" for a default collection written as a bucket,
  // "default:b.s.c" otherwise.
  std::string FullName() const;
  // The implicit alias: the last path element as written.
  std::string_view LastPart() const;
  bool written_as_bucket = true;  // `b` / `ns:b` rather than `b.s.c`
  bool operator==(const KeyspacePath& other) const = default;
};

// Resolves a keyspace reference as Couchbase does (reference §4.5): `b` alone is the bucket's
// default collection without a query_context, a collection of the context's scope with a
// `ns:bucket.scope` context; `s.c` needs a bucket-only context; three parts are absolute.
// query_context is `[ns:]bucket[.scope]` with optional backticks; empty means none.
Result<KeyspacePath> ResolveKeyspace(const ast::KeyspaceRef& ref, std::string_view query_context);

}  // namespace casql::plan
