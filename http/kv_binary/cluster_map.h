#pragma once

#include <string>
#include <string_view>

namespace casql::kvbin {

// Where this node serves what, for the cluster map.
struct NodeServices {
  int kv_port = 0;
  int query_port = 0;  // the HTTP port: /query/service
};

// The configuration revision casql publishes. The node set never changes and buckets are
// announced by their own bucket-level maps, so one revision serves every map.
inline constexpr int kClusterMapRevision = 1;

// The cluster-wide map GET_CLUSTER_CONFIG returns before SELECT_BUCKET: this one node with its
// kv and n1ql ports. The node's hostname is "$HOST", which SDKs replace with the address they
// reached the node at (so a loopback or NATed client gets an address that works for it).
std::string GlobalClusterMap(const NodeServices& node);

// The bucket-level map: as above plus the bucket's name, uuid and capabilities, and a
// vBucketServerMap placing all 1024 vBuckets on this node (no replicas).
std::string BucketClusterMap(const NodeServices& node, std::string_view bucket);

}  // namespace casql::kvbin
