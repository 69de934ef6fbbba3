#include "http/kv_binary/collections_manifest.h"

#include <algorithm>
#include <cstdio>

#include "value/json.h"

namespace casql::kvbin {

std::string HexId(uint64_t id) {
  char text[20];
  std::snprintf(text, sizeof(text), "%llx", static_cast<unsigned long long>(id));
  return text;
}

CollectionsManifest BuildManifest(const kv::Engine& engine, std::string_view bucket) {
  CollectionsManifest manifest;
  std::string scopes;
  for (const std::string& scope : engine.ListScopes(bucket)) {
    const auto scope_uid = engine.ScopeUid(bucket, scope);
    if (!scope_uid.ok()) continue;  // dropped while listing
    manifest.uid = std::max<uint64_t>(manifest.uid, *scope_uid);
    std::string collections;
    for (const std::string& name : engine.ListCollections(bucket, scope)) {
      const auto found = engine.FindCollection(kv::KeyspaceId{std::string(bucket), scope, name});
      if (!found.ok()) continue;
      const uint32_t uid = (*found)->uid();
      manifest.uid = std::max<uint64_t>(manifest.uid, uid);
      manifest.collection_ids[scope + "." + name] = uid;
      if (!collections.empty()) collections += ',';
      collections += "{\"name\":";
      AppendJsonString(name, &collections);
      collections += ",\"uid\":\"" + HexId(uid) + "\"}";
    }
    if (!scopes.empty()) scopes += ',';
    scopes += "{\"name\":";
    AppendJsonString(scope, &scopes);
    scopes += ",\"uid\":\"" + HexId(*scope_uid) + "\",\"collections\":[" + collections + "]}";
  }
  manifest.json = "{\"uid\":\"" + HexId(manifest.uid) + "\",\"scopes\":[" + scopes + "]}";
  return manifest;
}

}  // namespace casql::kvbin
