#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parser/ast/expression.h"
#include "planner/keyspace_path.h"

namespace casql::plan {

class PreparedRegistry;

// A secondary index as the planner sees it. Its key and WHERE expressions are formalized
// against `alias`, the keyspace's implicit alias when the index was created; the planner
// renames that alias to the query's before matching them against a query.
struct IndexInfo {
  std::string name;
  std::string id;  // stable identifier shown as EXPLAIN's index_id
  std::string alias;
  std::vector<ast::ExprPtr> keys;
  std::vector<bool> desc;
  ast::ExprPtr where;  // null unless a partial index
};

enum class KeyspaceState : uint8_t { kExists, kNoBucket, kNoScope, kNoCollection };

// What the planner may ask of the store: which keyspaces and indexes exist. Implemented over
// kvengine and the index manager by the service; planning never touches documents.
class Catalog {
 public:
  virtual ~Catalog() = default;
  virtual KeyspaceState Lookup(const KeyspacePath& path) const = 0;
  // The name of a primary index on the keyspace, if there is one.
  virtual std::optional<std::string> PrimaryIndex(const KeyspacePath& path) const = 0;
  virtual std::vector<IndexInfo> SecondaryIndexes(const KeyspacePath& path) const = 0;
  // Moves on whenever keyspaces or indexes change, so stored plans can tell they are stale.
  virtual uint64_t catalog_version() const = 0;
  // The server's prepared statements (EXECUTE looks its statement up there).
  virtual PreparedRegistry& prepareds() const = 0;
};

// 12003 for a keyspace that does not exist, with Couchbase's " - cause: No bucket named b"
// suffix when the bucket itself is missing; OK otherwise.
Status CheckKeyspace(const Catalog& catalog, const KeyspacePath& path);

}  // namespace casql::plan
