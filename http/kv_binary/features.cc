#include "http/kv_binary/features.h"

namespace casql::kvbin {

bool FeatureSupported(uint16_t feature) {
  switch (feature) {
    case kFeatureTcpNoDelay:
    case kFeatureMutationSeqno:
    case kFeatureXerror:
    case kFeatureSelectBucket:
    case kFeatureJson:
    case kFeatureAltRequest:
    case kFeatureSyncReplication:
    case kFeatureCollections:
    case kFeaturePreserveTtl:
      return true;
    default:
      return false;
  }
}

}  // namespace casql::kvbin
