// Collection's background and recovery work: replaying the log, feeding compaction, expiring.
#include <mutex>
#include <string>
#include <vector>

#include "kvengine/bucket_log.h"
#include "kvengine/collection.h"
#include "kvengine/commit_scope.h"
#include "kvengine/log_record.h"

namespace casql::kv {

void Collection::ApplyRecovered(const LogRecord& record) {
  VBucket& vbucket = GetOrCreateVBucket(VBucketOf(record.key));
  const uint64_t hash = KeyTable::Hash(record.key);
  VBucket::Stripe& stripe = vbucket.StripeFor(hash);
  std::lock_guard<std::mutex> lock(stripe.mutex);
  auto [stored_key, entry] = VBucket::Find(stripe, record.key, hash);
  if (entry != nullptr && entry->seqno >= record.seqno) return;
  if (entry == nullptr) {
    std::tie(stored_key, entry) = VBucket::CreateUnindexed(stripe, record.key, hash);
  }
  const bool was_alive = entry->alive();
  const bool was_expiring = was_alive && entry->expiry != 0;
  entry->deleted = record.deleted;
  entry->doc = record.deleted ? nullptr : MakeDocParsedOnUse(std::string(record.value));
  entry->cas = record.cas;
  entry->seqno = record.seqno;
  entry->rev_seqno = record.rev_seqno;
  entry->flags = record.flags;
  entry->expiry = record.expiry;
  if (was_alive != entry->alive()) item_count_.fetch_add(entry->alive() ? 1 : -1);
  vbucket.CountExpiring(was_expiring, entry->alive() && entry->expiry != 0);
  std::lock_guard<std::mutex> commit(vbucket.commit_mutex());
  vbucket.ObserveRecovered(record.seqno, record.cas);
}

void Collection::FinishRecovery() {
  for (uint16_t id = 0; id < kNumVBuckets; ++id) {
    if (VBucket* vbucket = FindVBucket(id)) vbucket->IndexAllKeys();
  }
}

Status Collection::AppendRecords(std::string* out, const std::function<Status()>& flush) {
  for (uint16_t id = 0; id < kNumVBuckets; ++id) {
    VBucket* vbucket = FindVBucket(id);
    if (vbucket == nullptr) continue;
    vbucket->ForEachEntry([&](const std::string& key, DocumentEntry& entry) {
      if (entry.seqno != 0) AppendDocumentRecord(uid_, id, key, entry, out);
    });
    CASQL_KV_RETURN_IF_ERROR(flush());
  }
  return Status::OK();
}

int64_t Collection::LiveBytes() {
  int64_t total = 0;
  for (uint16_t id = 0; id < kNumVBuckets; ++id) {
    VBucket* vbucket = FindVBucket(id);
    if (vbucket == nullptr) continue;
    vbucket->ForEachEntry([&](const std::string& key, DocumentEntry& entry) {
      if (entry.seqno != 0) total += static_cast<int64_t>(PriorOf(key, &entry).record_bytes);
    });
  }
  return total;
}

size_t Collection::PurgeTombstones(int64_t deleted_by) {
  size_t purged = 0;
  int64_t record_bytes = 0;
  for (uint16_t id = 0; id < kNumVBuckets; ++id) {
    VBucket* vbucket = FindVBucket(id);
    if (vbucket == nullptr) continue;
    purged += vbucket->EraseIf([&](const std::string& key, const DocumentEntry& entry) {
      // A pending durable delete is still the one readers do not see yet: keep it.
      if (!entry.deleted || entry.sync_pending || entry.expiry > deleted_by) return false;
      if (entry.seqno != 0) record_bytes += static_cast<int64_t>(PriorOf(key, &entry).record_bytes);
      return true;
    });
  }
  // The log still holds the tombstones' records; the next snapshot leaves them out.
  if (log_ != nullptr && record_bytes != 0) log_->AdjustLiveBytes(-record_bytes);
  return purged;
}

size_t Collection::ExpireDue() {
  const int64_t now = clock_->NowSeconds();
  size_t expired = 0;
  std::vector<std::string> due;
  for (uint16_t id = 0; id < kNumVBuckets; ++id) {
    VBucket* vbucket = FindVBucket(id);
    if (vbucket == nullptr || !vbucket->has_expiring()) continue;
    due.clear();
    vbucket->ForEachEntry([&](const std::string& key, DocumentEntry& entry) {
      if (entry.ExpiredAt(now)) due.push_back(key);
    });
    // Each expiry is an ordinary commit under the key's lock (log record, listener event).
    for (const std::string& key : due) {
      CommitScope scope(*this, *vbucket, key);
      auto [stored_key, entry] = scope.Find();
      if (entry == nullptr) continue;
      // A durable write still waiting for its fsync replaced the expiring version; it is checked
      // again on the next run.
      if (!SettlePending(scope.stripe(), *stored_key, *entry)) continue;
      if (entry->ExpiredAt(now)) ++expired;
      Normalize(scope, *stored_key, *entry, now);
    }
  }
  return expired;
}

}  // namespace casql::kv
