#include "http/kv_binary/key_resolver.h"

#include "http/kv_binary/collections_manifest.h"
#include "http/kv_binary/leb128.h"
#include "http/kv_binary/wire_status.h"
#include "kvengine/kv_types.h"
#include "value/json.h"

namespace casql::kvbin {

namespace {

std::shared_ptr<kv::Collection> FindById(CommandContext& c, uint32_t id) {
  auto& cache = c.session.collections_by_id;
  auto it = cache.find(id);
  if (it != cache.end() && !it->second->dropped()) return it->second;
  cache.erase(id);
  const CollectionsManifest manifest = BuildManifest(*c.service.engine, c.session.bucket);
  for (const auto& [path, uid] : manifest.collection_ids) {
    if (uid != id) continue;
    const size_t dot = path.find('.');
    auto found = c.service.engine->FindCollection(
        kv::KeyspaceId{c.session.bucket, path.substr(0, dot), path.substr(dot + 1)});
    if (!found.ok()) return nullptr;
    cache[id] = *found;
    return *found;
  }
  return nullptr;
}

}  // namespace

void UnknownCollection(CommandContext& c, uint16_t status, std::string_view what) {
  if (!c.session.xerror) {
    c.Send(status);
    return;
  }
  const CollectionsManifest manifest = BuildManifest(*c.service.engine, c.session.bucket);
  std::string body = "{\"manifest_uid\":\"" + HexId(manifest.uid) + "\",\"error\":{\"context\":";
  AppendJsonString(what, &body);
  body += "}}";
  c.Send(status, {}, {}, body, 0, kDatatypeJson);
}

std::optional<ResolvedKey> ResolveKey(CommandContext& c, Access access) {
  if (c.session.bucket.empty()) {
    c.Error(kNoBucket, "select a bucket first");
    return std::nullopt;
  }
  ResolvedKey resolved;
  if (c.session.collections) {
    const auto split = SplitCollectionKey(c.request.key);
    if (!split) {
      c.Error(kEinval, "key lacks a valid LEB128 collection id");
      return std::nullopt;
    }
    resolved.collection = FindById(c, split->collection_id);
    if (resolved.collection == nullptr) {
      UnknownCollection(c, kUnknownCollection,
                        "no collection with id " + HexId(split->collection_id));
      return std::nullopt;
    }
    resolved.key = split->key;
  } else {
    std::shared_ptr<kv::Collection>& cached = c.session.default_collection;
    if (cached == nullptr || cached->dropped()) {
      auto found = c.service.engine->FindCollection(kv::KeyspaceId{c.session.bucket});
      if (!found.ok()) {
        c.Error(kNoBucket, found.status().message());
        return std::nullopt;
      }
      cached = std::move(found).value();
    }
    resolved.collection = cached;
    resolved.key = c.request.key;
  }
  if (resolved.key.empty() || resolved.key.size() > kv::kMaxKeyBytes) {
    c.Error(kEinval, "a key must be 1 to 250 bytes");
    return std::nullopt;
  }
  const kv::KeyspaceId& id = resolved.collection->id();
  if (!c.service.users->MayAccess(*c.session.user, id.bucket, id.scope, id.collection, access)) {
    c.Error(kEaccess, std::string("no ") + (access == Access::kRead ? "read" : "write") +
                          " access to " + id.bucket + "." + id.scope + "." + id.collection);
    return std::nullopt;
  }
  return resolved;
}

std::optional<kv::GetResult> ReadDocument(CommandContext& c) {
  const auto target = ResolveKey(c, Access::kRead);
  if (!target) return std::nullopt;
  auto got = target->collection->Get(target->key);
  if (!got.ok()) {
    c.EngineError(got.status());
    return std::nullopt;
  }
  return std::move(got).value();
}

}  // namespace casql::kvbin
