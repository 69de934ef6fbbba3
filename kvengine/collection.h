#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kvengine/clock.h"
#include "kvengine/conflict_injector.h"
#include "kvengine/kv_status.h"
#include "kvengine/kv_types.h"
#include "kvengine/listener_registry.h"
#include "kvengine/vbucket.h"

namespace casql::kv {

class BucketLog;
class KeyMerger;
struct LogRecord;

// One collection: 1024 vBuckets of documents with CAS, seqnos, locks and expiry, following
// kv_engine's status rules (docs/kvengine.md has the table).
//
// Thread safety: every public method may be called from any thread. A write's CAS check and the
// write happen under the key's stripe mutex; there is no collection-wide lock on the read or
// write path. Mutation listeners run on the writing thread, in seqno order per vBucket, after the
// key's locks are released: a listener may Get and Scan the collection; it must not write to it
// (that write's event would wait for the listener's own turn), nor add or remove listeners. Held as
// std::shared_ptr so a drop while a query runs is safe; writes to a dropped collection fail with
// UNKNOWN_COLLECTION.
class Collection {
 public:
  using ListenerId = uint64_t;

  Collection(KeyspaceId id, uint32_t uid, std::shared_ptr<const Clock> clock);
  ~Collection();
  Collection(const Collection&) = delete;
  Collection& operator=(const Collection&) = delete;

  const KeyspaceId& id() const { return id_; }
  uint32_t uid() const { return uid_; }

  Result<GetResult> Get(std::string_view key);
  Result<MutationResult> Insert(std::string_view key, DocPtr doc, const MutationOptions& options);
  Result<MutationResult> Upsert(std::string_view key, DocPtr doc, const MutationOptions& options);
  Result<MutationResult> Replace(std::string_view key, DocPtr doc, const MutationOptions& options);
  Result<MutationResult> Remove(std::string_view key, const MutationOptions& options);
  // Appends/prepends raw bytes to an existing document (NOT_STORED when there is none); flags and
  // expiry are kept. The result is re-read as JSON when it parses.
  Result<MutationResult> Append(std::string_view key, std::string_view bytes,
                                const MutationOptions& options);
  Result<MutationResult> Prepend(std::string_view key, std::string_view bytes,
                                 const MutationOptions& options);
  // Counters on a document holding an unsigned decimal number (else DELTA_BADVAL). A missing
  // document is created holding `initial` (returned as is, delta ignored) unless `create` is false
  // or expiry is 0xffffffff (then KEY_ENOENT). Increment wraps at 2^64; decrement stops at 0.
  // Returns the new value.
  Result<std::pair<uint64_t, MutationResult>> Increment(std::string_view key, uint64_t delta,
                                                        uint64_t initial, uint32_t expiry,
                                                        bool create = true);
  Result<std::pair<uint64_t, MutationResult>> Decrement(std::string_view key, uint64_t delta,
                                                        uint64_t initial, uint32_t expiry,
                                                        bool create = true);

  // Sets a new expiry; a mutation (new CAS, seqno, rev seqno) only if the expiry changes.
  Result<MutationResult> Touch(std::string_view key, uint32_t expiry);
  Result<GetResult> GetAndTouch(std::string_view key, uint32_t expiry);
  // Locks the document for lock_seconds (0 or more than 30 means 15) and returns it with the lock
  // CAS, which a write must present (and which unlocks). Readers see CAS 0xFFFFFFFFFFFFFFFF.
  Result<GetResult> GetAndLock(std::string_view key, uint32_t lock_seconds);
  // NOT_LOCKED when not locked, LOCKED when `cas` is not the lock CAS, EINVAL when it is 0.
  Status Unlock(std::string_view key, uint64_t cas);

  // Key-ordered scan of live documents in [start, end) (empty end = unbounded); calls fn until it
  // returns false. Each item is a committed version with its CAS; fn runs without any lock held.
  Status Scan(std::string_view start, std::string_view end,
              const std::function<bool(std::string_view key, const GetResult&)>& fn);

  // The live documents of one vBucket in no particular order, each the committed version read
  // as its stripe was reached; fn runs without any lock held. Lets a caller that wants every
  // document but not their order (an index build) split the work by vBucket across threads,
  // without merging the vBuckets' key indexes.
  void ScanVBucket(uint16_t vbucket,
                   const std::function<void(std::string_view key, const GetResult&)>& fn) const;

  // The same scan pulled one document at a time, for a caller that cannot hand over a callback
  // (a query's scan operator). One merge of the vBuckets' key indexes serves the whole scan, so
  // resuming costs nothing, where a new Scan per batch re-seeks every vBucket.
  // Thread safety: one thread per cursor; it must not outlive the collection.
  class Cursor {
   public:
    Cursor(Cursor&&) noexcept;
    Cursor& operator=(Cursor&&) noexcept;
    ~Cursor();
    // The next live document: its key and the version read as the key was reached. False at
    // the end of the range.
    bool Next(std::string* key, GetResult* item);

   private:
    friend class Collection;
    Cursor(const Collection* collection, std::unique_ptr<KeyMerger> merger);
    const Collection* collection_;
    std::unique_ptr<KeyMerger> merger_;
  };
  Cursor OpenScan(std::string_view start, std::string_view end) const;
  // Up to parts - 1 increasing keys that cut the key space into `parts` ranges of about equal
  // document counts, for scans that split a range between threads. Keys hash evenly over the
  // vBuckets, so a sample of whole vBuckets stands for the collection; fewer keys come back
  // when the sample is too small to tell ranges apart (none for an empty collection).
  std::vector<std::string> SplitKeys(size_t parts) const;
  // Live documents, counting expired ones until they are noticed (as kv_engine does).
  uint64_t ItemCount() const { return static_cast<uint64_t>(item_count_.load()); }

  ListenerId AddMutationListener(std::function<void(const MutationEvent&)> fn);
  // When this returns, the listener is not running and will not be called again. Must not be
  // called from a listener.
  void RemoveMutationListener(ListenerId id);

  // The next conditional (cas != 0) write or remove of `key` first suffers a real concurrent
  // mutation: the document is rewritten with identical content and a new CAS, so that write then
  // fails with KEY_EEXISTS. One-shot per arming.
  void ArmConflict(std::string_view key);
  // Called with the key just before a conditional write or remove takes the key lock.
  void SetBeforeConditionalWriteHook(std::function<void(std::string_view key)> hook);

  // Engine internals.
  void MarkDropped() { dropped_.store(true, std::memory_order_release); }
  bool dropped() const { return dropped_.load(std::memory_order_acquire); }
  // Set once, before the collection is shared: every commit is then appended to `log`.
  void AttachLog(std::shared_ptr<BucketLog> log) { log_ = std::move(log); }
  // Recovery: applies a logged document record unless the key already holds a later seqno. May run
  // concurrently for different records (it takes the key's locks). The keys it adds are scanned
  // only after FinishRecovery, which runs once every record is applied.
  void ApplyRecovered(const LogRecord& record);
  void FinishRecovery();
  // Compaction: appends a record of every entry (tombstones included) to `out`, calling `flush`
  // between vBuckets so the caller can write the buffer out.
  Status AppendRecords(std::string* out, const std::function<Status()>& flush);
  // Size of the records AppendRecords would write.
  int64_t LiveBytes();
  // Expiry pager: turns every expired document into a tombstone; returns how many.
  size_t ExpireDue();
  // Tombstone purger: forgets tombstones deleted at or before `deleted_by` (Unix seconds), so
  // memory and, after the next compaction, the log hold only recent deletions. A key re-created
  // afterwards starts a new revision history. Returns how many were purged.
  size_t PurgeTombstones(int64_t deleted_by);

 private:
  struct NewState {
    DocPtr doc;  // null when deleting
    uint32_t flags = 0;
    uint32_t expiry = 0;
  };
  // What a write decides after seeing the current entry (null when the key was never written):
  // an error status, no change (nullopt), or the entry's next state.
  using Decision = Result<std::optional<NewState>>;
  class CommitScope;
  // An entry's state before a commit, for the item count and the live-data accounting.
  struct Prior {
    bool alive = false;
    bool expiring = false;  // alive with an expiry
    size_t record_bytes = 0;
  };
  static Prior PriorOf(const std::string& key, const DocumentEntry* entry);

  template <typename Decide>
  Result<MutationResult> Mutate(std::string_view key, const MutationOptions& options,
                                Decide&& decide);
  // The part of Mutate under the key's locks. With `sync` the write becomes a pending durable
  // write (see PendingSyncWrite); the body it replaces is moved to `replaced`, to be freed once
  // the locks are released.
  template <typename Decide>
  Result<MutationResult> MutateLocked(CommitScope& scope, const MutationOptions& options, bool sync,
                                      Decide& decide, DocPtr* replaced);
  // Stamps `entry` (already holding its new state) with a new seqno, CAS and rev seqno, and
  // appends it to the log.
  MutationResult Commit(CommitScope& scope, const std::string& key, DocumentEntry& entry,
                        const Prior& prior);
  // Before a write or lock: lapses an expired lock and turns an expired document into a tombstone
  // (kv_engine expires on access), under the key's stripe mutex.
  void Normalize(CommitScope& scope, const std::string& key, DocumentEntry& entry, int64_t now);
  GetResult ReadEntry(const DocumentEntry& entry, int64_t now) const;
  // The version of `entry` readers see: the one before a durable write still awaiting its fsync.
  // Caller holds the stripe's mutex.
  const DocumentEntry& Visible(const VBucket::Stripe& stripe, std::string_view key,
                               const DocumentEntry& entry) const;
  // Ends the key's pending durable write once the log is durable past it. Returns false while it
  // still waits (the caller then answers SyncWriteInProgress). Caller holds the stripe's mutex.
  bool SettlePending(VBucket::Stripe& stripe, std::string_view key, DocumentEntry& entry);
  // The time a read of `entry` needs: only expiring or locked entries depend on it, so most reads
  // skip the clock (0 then stands for any time).
  int64_t TimeFor(const DocumentEntry& entry) const {
    return entry.expiry != 0 || entry.lock_cas != 0 ? clock_->NowSeconds() : 0;
  }
  Result<MutationResult> Concat(std::string_view key, std::string_view bytes,
                                const MutationOptions& options, bool append);
  Result<std::pair<uint64_t, MutationResult>> Arithmetic(std::string_view key, uint64_t delta,
                                                         uint64_t initial, uint32_t expiry,
                                                         bool create, bool increment);

  VBucket* FindVBucket(uint16_t id) const { return vbuckets_[id].load(std::memory_order_acquire); }
  VBucket& GetOrCreateVBucket(uint16_t id);

  const KeyspaceId id_;
  const uint32_t uid_;
  const std::shared_ptr<const Clock> clock_;
  std::array<std::atomic<VBucket*>, kNumVBuckets> vbuckets_{};  // created on first write
  std::atomic<int64_t> item_count_{0};
  std::atomic<bool> dropped_{false};
  ListenerRegistry listeners_;
  ConflictInjector conflicts_;
  std::shared_ptr<BucketLog> log_;  // null when in memory only
};

}  // namespace casql::kv
