#pragma once

#include "kvengine/kv_status.h"
#include "kvengine/kv_types.h"

namespace casql::kv {

// Checks a mutation's durability request against a single-node engine and says whether the write
// must be fsynced before it is acknowledged:
// - kNone and kMajority (this node is the majority of a one-node chain): no wait for the disk;
//   the background flusher writes the log within 100 ms.
// - kMajorityAndPersistActive, kPersistToMajority and legacy persist_to = 1: wait for the fsync.
// - replicate_to > 0 or persist_to > 1 ask for nodes that do not exist: DurabilityImpossible.
// - Mixing a level with legacy persist_to/replicate_to: EINVAL.
// - A persistence level on an in-memory engine: DurabilityInvalidLevel (as on ephemeral buckets).
Result<bool> NeedsSync(const MutationOptions& options, bool persistent);

}  // namespace casql::kv
