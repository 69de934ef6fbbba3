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
  // Destroyed in reverse order: the scope delivers the listener events after the fsync below (a
  // durable write is not visible before), then the replaced body is freed, with no lock held.
  DocPtr replaced;
  CommitScope scope(*this, GetOrCreateVBucket(VBucketOf(key)), key);
  Result<MutationResult> result = MutateLocked(scope, options, *needs_sync, decide, &replaced);
  scope.Unlock();
  if (result.ok() && *needs_sync && scope.log_position != 0) {
    CASQL_KV_RETURN_IF_ERROR(log_->Sync(scope.log_position, deadline));
    // Durable: readers see the new version from now on; drop the kept previous one.
    scope.LockStripe();
    if (auto [stored_key, entry] = scope.Find(); entry != nullptr) {
      SettlePending(scope.stripe(), *stored_key, *entry);
    }
  }
  return result;
}

template <typename Decide>
Result<MutationResult> Collection::MutateLocked(CommitScope& scope, const MutationOptions& options,
                                                bool sync, Decide& decide, DocPtr* replaced) {
  auto [stored_key, entry] = scope.Find();
  const int64_t now = clock_->NowSeconds();
  if (entry != nullptr) {
    if (!SettlePending(scope.stripe(), *stored_key, *entry)) {
      return Status(KvStatus::kSyncWriteInProgress,
                    "a durable write of this document is in progress; retry");
    }
    Normalize(scope, *stored_key, *entry, now);
    if (options.cas != 0 && conflicts_.Consume(scope.key()) && entry->alive() &&
        !entry->LockedAt(now)) {
      // The injected concurrent writer: same content, new CAS.
      Commit(scope, *stored_key, *entry, PriorOf(*stored_key, entry));
    }
  }
  Decision decision = decide(static_cast<const DocumentEntry*>(entry), now);
  if (!decision.ok()) return decision.status();
  if (!decision->has_value()) return MutationResult{entry->cas, entry->seqno, scope.vbucket().id()};
  if (entry == nullptr) std::tie(stored_key, entry) = scope.Create();
  const bool pending = sync && log_ != nullptr;
  DocumentEntry before;
  if (pending) before = *entry;
  const Prior prior = PriorOf(*stored_key, entry);
  NewState& next = **decision;
  entry->deleted = next.doc == nullptr;
  *replaced = std::exchange(entry->doc, std::move(next.doc));
  entry->flags = next.flags;
  entry->expiry = next.expiry;
  MutationResult result = Commit(scope, *stored_key, *entry, prior);
  if (pending) {
    auto& pending_writes = scope.stripe().pending;
    if (!pending_writes) pending_writes = std::make_unique<VBucket::PendingWrites>();
    pending_writes->insert_or_assign(*stored_key,
                                     PendingSyncWrite{std::move(before), scope.log_position});
    entry->sync_pending = true;
  }
  return result;
}

}  // namespace casql::kv
