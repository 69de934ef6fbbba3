#include "kvengine/collection.h"

#include <string>
#include <utility>
#include <vector>

#include "kvengine/bucket_log.h"
#include "kvengine/commit_scope.h"
#include "kvengine/keyspace_names.h"
#include "kvengine/log_record.h"

namespace casql::kv {

Collection::Collection(KeyspaceId id, uint32_t uid, std::shared_ptr<const Clock> clock)
    : id_(std::move(id)), uid_(uid), clock_(std::move(clock)) {}

Collection::~Collection() {
  for (auto& slot : vbuckets_) delete slot.load();
}

VBucket& Collection::GetOrCreateVBucket(uint16_t id) {
  VBucket* existing = vbuckets_[id].load(std::memory_order_acquire);
  if (existing != nullptr) return *existing;
  auto* fresh = new VBucket(id);
  if (vbuckets_[id].compare_exchange_strong(existing, fresh, std::memory_order_acq_rel)) {
    return *fresh;
  }
  delete fresh;  // another thread installed it first
  return *existing;
}

Collection::Prior Collection::PriorOf(const std::string& key, const DocumentEntry* entry) {
  if (entry == nullptr) return Prior{};
  return Prior{entry->alive(), entry->alive() && entry->expiry != 0,
               DocumentRecordBytes(key.size(), entry->doc ? entry->doc->bytes.size() : 0)};
}

MutationResult Collection::Commit(CommitScope& scope, const std::string& key, DocumentEntry& entry,
                                  const Prior& prior) {
  scope.LockCommit();
  const VBucket::Stamp stamp = scope.vbucket().NextStamp();
  entry.seqno = stamp.seqno;
  entry.cas = stamp.cas;
  entry.rev_seqno += 1;
  entry.lock_cas = 0;
  // A tombstone's expiry holds its deletion time (as in kv_engine), logged with it, so the
  // tombstone purger knows its age also after a restart.
  if (entry.deleted) entry.expiry = static_cast<uint32_t>(clock_->NowSeconds());
  if (prior.alive != entry.alive()) item_count_.fetch_add(entry.alive() ? 1 : -1);
  scope.vbucket().CountExpiring(prior.expiring, entry.alive() && entry.expiry != 0);
  if (log_ != nullptr) {
    // Appended under the key's stripe mutex, so a key's records reach the log in commit order.
    thread_local std::string record;
    record.clear();
    AppendDocumentRecord(uid_, scope.vbucket().id(), key, entry, &record);
    scope.log_position = log_->Append(
        record, static_cast<int64_t>(record.size()) - static_cast<int64_t>(prior.record_bytes));
    if (record.capacity() > (1 << 20)) std::string().swap(record);  // after a huge document
  }
  if (!listeners_.empty()) {
    scope.AddEvent(MutationEvent{scope.key(), scope.vbucket().id(), entry.seqno, entry.cas,
                                 entry.deleted, entry.doc, entry.rev_seqno, entry.flags,
                                 entry.deleted ? 0 : entry.expiry});
  }
  return MutationResult{stamp.cas, stamp.seqno, scope.vbucket().id()};
}

void Collection::Normalize(CommitScope& scope, const std::string& key, DocumentEntry& entry,
                           int64_t now) {
  if (entry.lock_cas != 0 && !entry.LockedAt(now)) entry.lock_cas = 0;
  // A pending durable write is settled (SettlePending) before anything expires it.
  if (entry.ExpiredAt(now) && !entry.sync_pending) {
    const Prior prior = PriorOf(key, &entry);
    entry.doc = nullptr;
    entry.deleted = true;
    entry.expiry = 0;
    Commit(scope, key, entry, prior);
  }
}

GetResult Collection::ReadEntry(const DocumentEntry& entry, int64_t now) const {
  GetResult result;
  result.doc = entry.doc;
  result.locked = entry.LockedAt(now);
  result.cas = result.locked ? kLockedCas : entry.cas;
  result.flags = entry.flags;
  result.expiry = entry.expiry;
  result.rev_seqno = entry.rev_seqno;
  result.seqno = entry.seqno;
  return result;
}

const DocumentEntry& Collection::Visible(const VBucket::Stripe& stripe, std::string_view key,
                                         const DocumentEntry& entry) const {
  if (!entry.sync_pending) return entry;
  const PendingSyncWrite& pending = stripe.pending->find(key)->second;
  return log_->durable_position() >= pending.log_position ? entry : pending.visible;
}

bool Collection::SettlePending(VBucket::Stripe& stripe, std::string_view key,
                               DocumentEntry& entry) {
  if (!entry.sync_pending) return true;
  auto it = stripe.pending->find(key);
  if (log_->durable_position() < it->second.log_position) return false;
  stripe.pending->erase(it);
  entry.sync_pending = false;
  return true;
}

Result<GetResult> Collection::Get(std::string_view key) {
  CASQL_KV_RETURN_IF_ERROR(ValidateKey(key));
  VBucket* vbucket = FindVBucket(VBucketOf(key));
  if (vbucket == nullptr) return Status(KvStatus::kKeyEnoent, "document not found");
  // Read-only: an expired document just reads as missing (writes and the pager turn it into a
  // tombstone), so a read never takes the commit mutex and listeners may read.
  const uint64_t hash = KeyTable::Hash(key);
  VBucket::Stripe& stripe = vbucket->StripeFor(hash);
  std::lock_guard<std::mutex> lock(stripe.mutex);
  auto [stored_key, found] = VBucket::Find(stripe, key, hash);
  if (found == nullptr) return Status(KvStatus::kKeyEnoent, "document not found");
  const DocumentEntry& entry = Visible(stripe, key, *found);
  if (!entry.alive()) return Status(KvStatus::kKeyEnoent, "document not found");
  const int64_t now = TimeFor(entry);
  if (entry.ExpiredAt(now)) return Status(KvStatus::kKeyEnoent, "document not found");
  return ReadEntry(entry, now);
}

Status Collection::Scan(std::string_view start, std::string_view end,
                        const std::function<bool(std::string_view key, const GetResult&)>& fn) {
  Cursor cursor = OpenScan(start, end);
  std::string key;
  GetResult item;
  while (cursor.Next(&key, &item)) {
    if (!fn(key, item)) break;
  }
  return Status::OK();
}

void Collection::ScanVBucket(
    uint16_t id, const std::function<void(std::string_view key, const GetResult&)>& fn) const {
  VBucket* vbucket = FindVBucket(id);
  if (vbucket == nullptr) return;
  // One stripe's documents are copied out (keys and DocPtrs, not bodies) so fn runs unlocked.
  std::vector<std::pair<std::string, GetResult>> batch;
  vbucket->ForEachStripe([&](VBucket::Stripe& stripe) {
    batch.clear();
    {
      std::lock_guard<std::mutex> lock(stripe.mutex);
      stripe.table.ForEach([&](KeyTable::Node& node) {
        const DocumentEntry& entry = Visible(stripe, node.key, node.entry);
        const int64_t now = TimeFor(entry);
        if (entry.alive() && !entry.ExpiredAt(now)) {
          batch.emplace_back(node.key, ReadEntry(entry, now));
        }
      });
    }
    for (const auto& [key, item] : batch) fn(key, item);
  });
}

Collection::ListenerId Collection::AddMutationListener(
    std::function<void(const MutationEvent&)> fn) {
  return listeners_.Add(std::move(fn));
}

void Collection::RemoveMutationListener(ListenerId id) {
  listeners_.Remove(id);
  // Waits out every delivery that may still hold the old listener list.
  for (uint16_t vb = 0; vb < kNumVBuckets; ++vb) {
    if (VBucket* vbucket = FindVBucket(vb)) vbucket->events().WaitIdle();
  }
}

void Collection::ArmConflict(std::string_view key) {
  conflicts_.Arm(key);
}

void Collection::SetBeforeConditionalWriteHook(std::function<void(std::string_view key)> hook) {
  conflicts_.SetHook(std::move(hook));
}

}  // namespace casql::kv
