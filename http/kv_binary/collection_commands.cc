#include "http/kv_binary/collections_manifest.h"
#include "http/kv_binary/commands.h"
#include "http/kv_binary/key_resolver.h"
#include "http/kv_binary/wire_status.h"

namespace casql::kvbin {

void GetCollectionsManifest(CommandContext& c) {
  if (!c.request.extras.empty() || !c.request.key.empty() || !c.request.value.empty()) {
    c.Error(kEinval, "GET_COLLECTIONS_MANIFEST takes no extras, key or value");
    return;
  }
  if (c.session.bucket.empty()) {
    c.Error(kNoBucket, "select a bucket first");
    return;
  }
  c.Send(kSuccess, {}, {}, BuildManifest(*c.service.engine, c.session.bucket).json, 0,
         kDatatypeJson);
}

void GetCollectionId(CommandContext& c) {
  if (!c.request.extras.empty()) {
    c.Error(kEinval, "GET_COLLECTION_ID takes no extras");
    return;
  }
  if (c.session.bucket.empty()) {
    c.Error(kNoBucket, "select a bucket first");
    return;
  }
  // The path "scope.collection" travels in the key (older clients) or the value; an empty part
  // means _default.
  const std::string_view path = c.request.key.empty() ? c.request.value : c.request.key;
  const size_t dot = path.find('.');
  if (dot == std::string_view::npos || path.find('.', dot + 1) != std::string_view::npos) {
    c.Error(kEinval, "a collection path has the form scope.collection");
    return;
  }
  std::string scope(path.substr(0, dot)), collection(path.substr(dot + 1));
  if (scope.empty()) scope = "_default";
  if (collection.empty()) collection = "_default";
  const CollectionsManifest manifest = BuildManifest(*c.service.engine, c.session.bucket);
  auto it = manifest.collection_ids.find(scope + "." + collection);
  if (it == manifest.collection_ids.end()) {
    const bool scope_exists = c.service.engine->ScopeUid(c.session.bucket, scope).ok();
    UnknownCollection(
        c, scope_exists ? kUnknownCollection : kUnknownScope,
        "unknown " + std::string(scope_exists ? "collection " : "scope ") + std::string(path));
    return;
  }
  if (!c.service.users->MayAccess(*c.session.user, c.session.bucket, scope, collection,
                                  Access::kRead) &&
      !c.service.users->MayAccess(*c.session.user, c.session.bucket, scope, collection,
                                  Access::kWrite)) {
    c.Error(kEaccess, "no access to " + std::string(path));
    return;
  }
  std::string extras;
  AppendU64(manifest.uid, &extras);
  AppendU32(it->second, &extras);
  c.Send(kSuccess, extras);
}

}  // namespace casql::kvbin
