#pragma once

#include <optional>
#include <string>
#include <vector>

#include "planner/keyspace_path.h"

namespace casql::plan {

enum class KeyspaceState : uint8_t { kExists, kNoBucket, kNoScope, kNoCollection };

// What the planner may ask of the store: which keyspaces and indexes exist. Implemented over
// kvengine and the index manager by the service; planning never touches documents.
class Catalog {
 public:
  virtual ~Catalog() = default;
  virtual KeyspaceState Lookup(const KeyspacePath& path) const = 0;
  // The name of a primary index on the keyspace, if there is one.
  virtual std::optional<std::string> PrimaryIndex(const KeyspacePath& path) const = 0;
};

// 12003 for a keyspace that does not exist, with Couchbase's " - cause: No bucket named b"
// suffix when the bucket itself is missing; OK otherwise.
Status CheckKeyspace(const Catalog& catalog, const KeyspacePath& path);

}  // namespace casql::plan
