#pragma once

#include <string_view>

#include "kvengine/kv_status.h"

namespace casql::kv {

inline constexpr std::string_view kDefaultName = "_default";

// Couchbase's naming rules; an invalid name is EINVAL with a message saying why.
// Bucket: 1-100 characters of A-Z a-z 0-9 . _ - %, not starting with '.' (ns_server's rule,
// which also keeps bucket names usable as directory names).
Status ValidateBucketName(std::string_view name);
// Scope and collection: 1-251 characters of A-Z a-z 0-9 _ - %, not starting with '_' or '%'
// (those prefixes are reserved for the system) except the name "_default".
Status ValidateScopeName(std::string_view name);
Status ValidateCollectionName(std::string_view name);
// Document key: 1-250 bytes.
Status ValidateKey(std::string_view key);

}  // namespace casql::kv
