#pragma once

#include <cstdint>

namespace casql::kvbin {

// HELLO feature codes (kv_engine's include/mcbp/protocol/feature.h) this server knows about.
enum Feature : uint16_t {
  kFeatureTls = 0x02,
  kFeatureTcpNoDelay = 0x03,
  kFeatureMutationSeqno = 0x04,
  kFeatureTcpDelay = 0x05,
  kFeatureXattr = 0x06,
  kFeatureXerror = 0x07,
  kFeatureSelectBucket = 0x08,
  kFeatureSnappy = 0x0a,
  kFeatureJson = 0x0b,
  kFeatureDuplex = 0x0c,
  kFeatureClustermapChangeNotification = 0x0d,
  kFeatureUnorderedExecution = 0x0e,
  kFeatureTracing = 0x0f,
  kFeatureAltRequest = 0x10,
  kFeatureSyncReplication = 0x11,
  kFeatureCollections = 0x12,
  kFeaturePreserveTtl = 0x14,
};

// Whether this server grants the feature when a client asks for it. Declined: TLS (no TLS
// listener), XATTR and SNAPPY (documents have no extended attributes and are never compressed),
// DUPLEX and CLUSTERMAP_CHANGE_NOTIFICATION (the map only changes when buckets do, and clients
// poll GET_CLUSTER_CONFIG), UNORDERED_EXECUTION (requests run in order), TRACING.
bool FeatureSupported(uint16_t feature);

}  // namespace casql::kvbin
