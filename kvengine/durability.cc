#include "kvengine/durability.h"

namespace casql::kv {

Result<bool> NeedsSync(const MutationOptions& options, bool persistent) {
  const Durability level = options.durability;
  if (level > Durability::kPersistToMajority) {
    return Status(KvStatus::kDurabilityInvalidLevel, "unknown durability level");
  }
  const bool legacy = options.persist_to != 0 || options.replicate_to != 0;
  if (legacy && level != Durability::kNone) {
    return Status(KvStatus::kEinval,
                  "durability level and persist_to/replicate_to cannot be used together");
  }
  if (options.replicate_to > 0) {
    return Status(KvStatus::kDurabilityImpossible,
                  "replicate_to needs replicas and this node has none");
  }
  if (options.persist_to > 1) {
    return Status(KvStatus::kDurabilityImpossible, "persist_to counts nodes and there is one");
  }
  const bool persist = level == Durability::kMajorityAndPersistActive ||
                       level == Durability::kPersistToMajority || options.persist_to == 1;
  if (persist && !persistent) {
    if (legacy) {
      return Status(KvStatus::kDurabilityImpossible, "persist_to needs an engine with a data dir");
    }
    return Status(KvStatus::kDurabilityInvalidLevel,
                  "persistence durability levels need an engine with a data dir");
  }
  return persist;
}

}  // namespace casql::kv
