// Collection's operations on expiry and locks: touch, get-and-touch, get-and-lock, unlock.
#include "kvengine/collection.h"
#include "kvengine/collection_mutate.h"
#include "kvengine/write_rules.h"

namespace casql::kv {
namespace {

// kv_engine's getl_default_timeout and getl_max_timeout.
constexpr uint32_t kDefaultLockSeconds = 15;
constexpr uint32_t kMaxLockSeconds = 30;

}  // namespace

Result<GetResult> Collection::GetAndTouch(std::string_view key, uint32_t expiry) {
  GetResult read;
  auto touched =
      Mutate(key, MutationOptions{}, [&](const DocumentEntry* entry, int64_t now) -> Decision {
        if (!IsAlive(entry)) return Status(KvStatus::kKeyEnoent, "document not found");
        if (entry->LockedAt(now)) return Status(KvStatus::kLocked, "document is locked");
        read = ReadEntry(*entry, now);
        const uint32_t absolute = AbsoluteExpiry(expiry, now);
        if (absolute == entry->expiry) return std::optional<NewState>();
        read.expiry = absolute;
        read.rev_seqno += 1;
        return std::optional<NewState>(NewState{entry->doc, entry->flags, absolute});
      });
  if (!touched.ok()) return touched.status();
  read.cas = touched->cas;
  read.seqno = touched->seqno;
  return read;
}

Result<MutationResult> Collection::Touch(std::string_view key, uint32_t expiry) {
  auto touched = GetAndTouch(key, expiry);
  if (!touched.ok()) return touched.status();
  return MutationResult{touched->cas, touched->seqno, VBucketOf(key)};
}

Result<GetResult> Collection::GetAndLock(std::string_view key, uint32_t lock_seconds) {
  CASQL_KV_RETURN_IF_ERROR(ValidateKey(key));
  VBucket* vbucket = FindVBucket(VBucketOf(key));
  if (vbucket == nullptr) return Status(KvStatus::kKeyEnoent, "document not found");
  CommitScope scope(*this, *vbucket, key);
  auto [stored_key, entry] = scope.Find();
  if (entry == nullptr) return Status(KvStatus::kKeyEnoent, "document not found");
  if (!SettlePending(scope.stripe(), *stored_key, *entry)) {
    return Status(KvStatus::kSyncWriteInProgress,
                  "a durable write of this document is in progress; retry");
  }
  const int64_t now = clock_->NowSeconds();
  Normalize(scope, *stored_key, *entry, now);
  if (!entry->alive()) return Status(KvStatus::kKeyEnoent, "document not found");
  if (entry->LockedAt(now)) return Status(KvStatus::kLocked, "document is already locked");
  if (lock_seconds == 0 || lock_seconds > kMaxLockSeconds) lock_seconds = kDefaultLockSeconds;
  scope.LockCommit();
  entry->lock_cas = vbucket->NextCas();
  entry->lock_expiry = now + lock_seconds;
  GetResult result = ReadEntry(*entry, now);
  result.cas = entry->lock_cas;
  return result;
}

Status Collection::Unlock(std::string_view key, uint64_t cas) {
  CASQL_KV_RETURN_IF_ERROR(ValidateKey(key));
  if (cas == 0) return Status(KvStatus::kEinval, "Request CAS must be set");
  VBucket* vbucket = FindVBucket(VBucketOf(key));
  if (vbucket == nullptr) return Status(KvStatus::kKeyEnoent, "document not found");
  CommitScope scope(*this, *vbucket, key);
  auto [stored_key, entry] = scope.Find();
  if (entry == nullptr) return Status(KvStatus::kKeyEnoent, "document not found");
  const int64_t now = clock_->NowSeconds();
  Normalize(scope, *stored_key, *entry, now);
  if (!entry->alive()) return Status(KvStatus::kKeyEnoent, "document not found");
  if (!entry->LockedAt(now)) return Status(KvStatus::kNotLocked, "document is not locked");
  if (cas != entry->lock_cas) return Status(KvStatus::kLocked, "CAS is not the lock CAS");
  entry->lock_cas = 0;
  return Status::OK();
}

}  // namespace casql::kv
