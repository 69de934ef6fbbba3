#pragma once

// The write skeleton every Collection mutation shares; included only by Collection's sources.
#include <tuple>
#include <utility>

#include "kvengine/collection.h"
#include "kvengine/commit_scope.h"
#include "kvengine/keyspace_names.h"

namespace casql::kv {

template <typename Decide>
Result<MutationResult> Collection::Mutate(std::string_view key, const MutationOptions& options,
                                          Decide&& decide) {
  CASQL_KV_RETURN_IF_ERROR(ValidateKey(key));
  if (dropped()) {
    return Status(KvStatus::kUnknownCollection, "collection '" + id_.collection + "' was dropped");
  }
  if (options.cas != 0) conflicts_.RunHook(key);
  CommitScope scope(*this, GetOrCreateVBucket(VBucketOf(key)), key);
  auto [stored_key, entry] = VBucket::Find(scope.stripe(), key);
  const int64_t now = clock_->NowSeconds();
  if (entry != nullptr) {
    Normalize(scope, *stored_key, *entry, now);
    if (options.cas != 0 && conflicts_.Consume(key) && entry->alive() && !entry->LockedAt(now)) {
      Commit(scope, *stored_key, *entry, /*was_alive=*/true);  // the injected concurrent writer
    }
  }
  Decision decision = decide(entry, now);
  if (!decision.ok()) return decision.status();
  if (!decision->has_value()) return MutationResult{entry->cas, entry->seqno, scope.vbucket().id()};
  if (entry == nullptr) std::tie(stored_key, entry) = scope.vbucket().Create(scope.stripe(), key);
  NewState& next = **decision;
  const bool was_alive = entry->alive();
  entry->deleted = next.doc == nullptr;
  entry->doc = std::move(next.doc);
  entry->flags = next.flags;
  entry->expiry = next.expiry;
  return Commit(scope, *stored_key, *entry, was_alive);
}

}  // namespace casql::kv
