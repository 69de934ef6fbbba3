#pragma once

// The write skeleton every Collection mutation shares; included only by Collection's sources.
#include <chrono>
#include <tuple>
#include <utility>

#include "kvengine/bucket_log.h"
#include "kvengine/collection.h"
#include "kvengine/commit_scope.h"
#include "kvengine/durability.h"
#include "kvengine/keyspace_names.h"

namespace casql::kv {

template <typename Decide>
Result<MutationResult> Collection::Mutate(std::string_view key, const MutationOptions& options,
                                          Decide&& decide) {
  CASQL_KV_RETURN_IF_ERROR(ValidateKey(key));
  if (dropped()) {
    return Status(KvStatus::kUnknownCollection, "collection '" + id_.collection + "' was dropped");
  }
  Result<bool> needs_sync = NeedsSync(options, log_ != nullptr);
  if (!needs_sync.ok()) return needs_sync.status();
  if (log_ != nullptr) {
    if (!log_->healthy()) {
      Status health = log_->health();  // may have recovered since
      if (!health.ok()) return health;
    }
    log_->WaitIfOverLimit();
  }
  if (options.cas != 0) conflicts_.RunHook(key);
  const auto deadline = *needs_sync ? std::chrono::steady_clock::now() + options.timeout
                                    : std::chrono::steady_clock::time_point();
  uint64_t log_position = 0;
  Result<MutationResult> result = MutateLocked(key, options, decide, &log_position);
  if (result.ok() && *needs_sync && log_position != 0) {
    CASQL_KV_RETURN_IF_ERROR(log_->Sync(log_position, deadline));
  }
  return result;
}

// The part of Mutate under the key's stripe mutex (and, once it commits, the commit mutex).
template <typename Decide>
Result<MutationResult> Collection::MutateLocked(std::string_view key,
                                                const MutationOptions& options, Decide& decide,
                                                uint64_t* log_position) {
  // The replaced body is freed after the locks are released (declared before the scope).
  DocPtr replaced;
  CommitScope scope(*this, GetOrCreateVBucket(VBucketOf(key)), key);
  auto [stored_key, entry] = scope.Find();
  const int64_t now = clock_->NowSeconds();
  if (entry != nullptr) {
    Normalize(scope, *stored_key, *entry, now);
    if (options.cas != 0 && conflicts_.Consume(key) && entry->alive() && !entry->LockedAt(now)) {
      // The injected concurrent writer: same content, new CAS.
      Commit(scope, *stored_key, *entry, PriorOf(*stored_key, entry));
    }
  }
  Decision decision = decide(static_cast<const DocumentEntry*>(entry), now);
  *log_position = scope.log_position;
  if (!decision.ok()) return decision.status();
  if (!decision->has_value()) return MutationResult{entry->cas, entry->seqno, scope.vbucket().id()};
  if (entry == nullptr) std::tie(stored_key, entry) = scope.Create();
  const Prior prior = PriorOf(*stored_key, entry);
  NewState& next = **decision;
  entry->deleted = next.doc == nullptr;
  replaced = std::exchange(entry->doc, std::move(next.doc));
  entry->flags = next.flags;
  entry->expiry = next.expiry;
  MutationResult result = Commit(scope, *stored_key, *entry, prior);
  *log_position = scope.log_position;
  return result;
}

}  // namespace casql::kv
