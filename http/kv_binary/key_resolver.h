#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "http/kv_binary/command_context.h"

namespace casql::kvbin {

struct ResolvedKey {
  std::shared_ptr<kv::Collection> collection;
  std::string_view key;  // without the collection prefix
};

// The collection and document key a request addresses: the selected bucket's _default
// collection, or with HELLO COLLECTIONS the collection whose id prefixes the key (LEB128).
// Checks the user may read or write there. On failure the request has been answered (NO_BUCKET,
// EINVAL, UNKNOWN_COLLECTION, EACCESS) and nullopt is returned.
std::optional<ResolvedKey> ResolveKey(CommandContext& c, Access access);

// The document a read command addresses, read with the user's read access. When the key cannot
// be resolved or the engine refuses the read (KEY_ENOENT...), the request has been answered
// and nullopt is returned.
std::optional<kv::GetResult> ReadDocument(CommandContext& c);

// Answers UNKNOWN_COLLECTION/UNKNOWN_SCOPE with the manifest uid the client should catch up
// with (kv_engine's {"manifest_uid": ...} body).
void UnknownCollection(CommandContext& c, uint16_t status, std::string_view what);

}  // namespace casql::kvbin
