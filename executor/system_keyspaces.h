#pragma once

#include <map>
#include <string>
#include <string_view>

#include "value/value.h"

namespace casql::exec {

class Datastore;

// The read-only system keyspaces: system:keyspaces, system:indexes, system:buckets,
// system:scopes, system:prepareds, system:active_requests and system:completed_requests. Their
// documents are not stored: each scan or fetch builds them from the live catalog, with the fields
// Couchbase's system keyspaces carry. `datastore_id` is "casql" where Couchbase names its cluster's
// URL, and system:prepareds has no `node` (one casql server is one node).
bool IsSystemKeyspace(std::string_view name);

// The documents of system:`name` by document key, in key order.
std::map<std::string, Value> SystemDocuments(Datastore& datastore, std::string_view name);

}  // namespace casql::exec
