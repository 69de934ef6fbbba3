#include "http/kv_binary/cluster_map.h"

#include <cstdio>

#include "kvengine/vbucket.h"
#include "value/json.h"

namespace casql::kvbin {

namespace {

void AppendNodes(const NodeServices& node, std::string* out) {
  const std::string kv = std::to_string(node.kv_port);
  const std::string n1ql = std::to_string(node.query_port);
  *out += "\"rev\":" + std::to_string(kClusterMapRevision) + ",\"revEpoch\":1,";
  *out += "\"nodesExt\":[{\"services\":{\"kv\":" + kv + ",\"n1ql\":" + n1ql +
          "},\"thisNode\":true,\"hostname\":\"$HOST\"}],";
  // The pre-nodesExt form, for older clients.
  *out += "\"nodes\":[{\"couchApiBase\":\"\",\"hostname\":\"$HOST:" + n1ql +
          "\",\"ports\":{\"direct\":" + kv + "}}],";
  *out += "\"clusterCapabilitiesVer\":[1,0],\"clusterCapabilities\":{\"n1ql\":[]}";
}

// A stable identifier per bucket name (FNV-1a), shown as the bucket's uuid.
std::string BucketUuid(std::string_view bucket) {
  uint64_t hash = 1469598103934665603ull;
  for (char c : bucket) {
    hash ^= static_cast<uint8_t>(c);
    hash *= 1099511628211ull;
  }
  char text[17];
  std::snprintf(text, sizeof(text), "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

}  // namespace

std::string GlobalClusterMap(const NodeServices& node) {
  std::string out = "{";
  AppendNodes(node, &out);
  out += "}";
  return out;
}

std::string BucketClusterMap(const NodeServices& node, std::string_view bucket) {
  std::string out = "{";
  AppendNodes(node, &out);
  out += ",\"name\":";
  AppendJsonString(bucket, &out);
  out += ",\"uuid\":\"" + BucketUuid(bucket) + "\"";
  out += ",\"bucketType\":\"membase\",\"nodeLocator\":\"vbucket\"";
  out +=
      ",\"bucketCapabilitiesVer\":\"\",\"bucketCapabilities\":[\"collections\","
      "\"durableWrite\",\"cbhello\",\"touch\",\"cccp\",\"nodesExt\"]";
  out += ",\"vBucketServerMap\":{\"hashAlgorithm\":\"CRC\",\"numReplicas\":0,\"serverList\":[";
  out += "\"$HOST:" + std::to_string(node.kv_port) + "\"],\"vBucketMap\":[";
  for (size_t vb = 0; vb < kv::kNumVBuckets; ++vb) {
    if (vb != 0) out += ',';
    out += "[0]";
  }
  out += "]}}";
  return out;
}

}  // namespace casql::kvbin
