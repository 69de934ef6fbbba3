#include "http/kv_binary/cluster_map.h"
#include "http/kv_binary/commands.h"
#include "http/kv_binary/error_map.h"
#include "http/kv_binary/features.h"
#include "http/kv_binary/wire_status.h"

namespace casql::kvbin {

namespace {

// The key SELECT_BUCKET uses to leave the selected bucket (kv_engine's spelling).
constexpr std::string_view kNoBucketName = "@no bucket@";

bool NoBody(CommandContext& c) {
  if (c.request.extras.empty() && c.request.key.empty() && c.request.value.empty()) return true;
  c.Error(kEinval, "this command takes no extras, key or value");
  return false;
}

}  // namespace

void Hello(CommandContext& c) {
  const std::string_view features = c.request.value;
  if (!c.request.extras.empty() || features.size() % 2 != 0) {
    c.Error(kEinval, "HELLO takes no extras and a value of 2-byte feature codes");
    return;
  }
  Session& s = c.session;
  // A HELLO renegotiates everything it covers.
  s.xerror = s.json = s.mutation_seqno = s.collections = false;
  s.alt_request = s.sync_replication = s.preserve_ttl = false;
  s.agent = std::string(c.request.key);
  std::string granted;
  for (size_t i = 0; i < features.size(); i += 2) {
    const uint16_t feature = ReadU16(features, i);
    if (!FeatureSupported(feature)) continue;
    bool* flag = nullptr;
    switch (feature) {
      case kFeatureXerror:
        flag = &s.xerror;
        break;
      case kFeatureJson:
        flag = &s.json;
        break;
      case kFeatureMutationSeqno:
        flag = &s.mutation_seqno;
        break;
      case kFeatureCollections:
        flag = &s.collections;
        break;
      case kFeatureAltRequest:
        flag = &s.alt_request;
        break;
      case kFeatureSyncReplication:
        flag = &s.sync_replication;
        break;
      case kFeaturePreserveTtl:
        flag = &s.preserve_ttl;
        break;
      case kFeatureTcpNoDelay:
        flag = &s.tcp_nodelay;
        break;
      default:
        break;
    }
    if (flag != nullptr && *flag && feature != kFeatureTcpNoDelay) continue;  // asked twice
    if (flag != nullptr) *flag = true;
    AppendU16(feature, &granted);
  }
  // Collection ids in keys are only meaningful once COLLECTIONS is on.
  s.collections_by_id.clear();
  c.Send(kSuccess, {}, {}, granted);
}

void Noop(CommandContext& c) {
  if (NoBody(c)) c.Send(kSuccess);
}

void Version(CommandContext& c) {
  if (NoBody(c)) c.Send(kSuccess, {}, {}, "casql-0.1.0");
}

void Quit(CommandContext& c) {
  if (!NoBody(c)) return;
  c.Send(kSuccess);
  c.session.close_after_reply = true;
}

void GetErrorMap(CommandContext& c) {
  if (!c.request.extras.empty() || !c.request.key.empty() || c.request.value.size() != 2) {
    c.Error(kEinval, "GET_ERROR_MAP takes a 2-byte version as its value");
    return;
  }
  const uint16_t version = ReadU16(c.request.value, 0);
  if (version == 0) {
    c.Error(kEinval, "error map version 0 does not exist");
    return;
  }
  c.Send(kSuccess, {}, {}, ErrorMapJson(version), 0, kDatatypeJson);
}

void SelectBucket(CommandContext& c) {
  if (!c.request.extras.empty() || !c.request.value.empty() || c.request.key.empty()) {
    c.Error(kEinval, "SELECT_BUCKET takes the bucket name as its key");
    return;
  }
  const std::string name(c.request.key);
  Session& s = c.session;
  if (name == kNoBucketName) {
    s.bucket.clear();
    s.collections_by_id.clear();
    s.default_collection.reset();
    c.Send(kSuccess);
    return;
  }
  if (!c.service.users->MaySelectBucket(*s.user, name)) {
    c.Error(kEaccess, "no access to bucket " + name);
    return;
  }
  auto found = c.service.engine->FindCollection(kv::KeyspaceId{name});
  if (!found.ok()) {
    c.Error(kKeyEnoent, "no bucket named " + name);
    return;
  }
  s.bucket = name;
  s.collections_by_id.clear();
  s.default_collection.reset();
  c.Send(kSuccess);
}

void GetClusterConfig(CommandContext& c) {
  if (!NoBody(c)) return;
  if (c.session.bucket.empty()) {
    c.Send(kSuccess, {}, {}, GlobalClusterMap(c.service.node), 0, kDatatypeJson);
    return;
  }
  if (!c.service.engine->FindCollection(kv::KeyspaceId{c.session.bucket}).ok()) {
    c.Error(kNoBucket, "bucket " + c.session.bucket + " no longer exists");
    return;
  }
  c.Send(kSuccess, {}, {}, BucketClusterMap(c.service.node, c.session.bucket), 0, kDatatypeJson);
}

}  // namespace casql::kvbin
