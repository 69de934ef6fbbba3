#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "kvengine/engine.h"

namespace casql::kvbin {

// A bucket's scopes and collections as the KV protocol shows them: GET_COLLECTIONS_MANIFEST's
// JSON, and the collection ids GET_COLLECTION_ID and collection-prefixed keys use (casql's own
// collection uids, which are never reused, as Couchbase's are not).
struct CollectionsManifest {
  // The largest scope or collection id: creating a keyspace always raises it, so a client that
  // sees a higher uid knows its cached ids may be stale.
  uint64_t uid = 0;
  std::string json;
  std::map<std::string, uint32_t, std::less<>> collection_ids;  // "scope.collection" -> id
};

CollectionsManifest BuildManifest(const kv::Engine& engine, std::string_view bucket);

// Ids are written as lower-case hex without a prefix, as in Couchbase's manifest.
std::string HexId(uint64_t id);

}  // namespace casql::kvbin
