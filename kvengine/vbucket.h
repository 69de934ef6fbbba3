#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kvengine/document_entry.h"
#include "kvengine/event_sequencer.h"
#include "kvengine/hlc.h"
#include "kvengine/key_table.h"

namespace casql::kv {

inline constexpr uint16_t kNumVBuckets = 1024;

// The vBucket a key belongs to, computed as Couchbase clients do.
uint16_t VBucketOf(std::string_view key);

// One vBucket of a collection: its hash table, split into stripes each with its own mutex so
// writers of different keys rarely meet; its seqno and HLC, advanced together; and an ordered
// index of its keys for range scans.
//
// Thread safety:
// - A DocumentEntry is read and written only under its stripe's mutex; a CAS compare and the
//   write it guards happen in one critical section.
// - commit_mutex() orders commits: seqno and CAS are generated under it, and the log append and
//   the listener turn (events()) are taken under it, so both follow seqno order. Lock order:
//   stripe mutex, then commit mutex.
// - Entries are erased only by the tombstone purger (EraseIf), under the stripe mutex: a key
//   listed from the key index may be gone when looked up. The key index has its own mutex,
//   taken after a stripe mutex.
// - Entry pointers are valid only while the stripe mutex is held (the table moves entries when
//   it grows).
class VBucket {
 public:
  using PendingWrites = std::map<std::string, PendingSyncWrite, std::less<>>;
  // A stripe's mutex and table header share one cache line.
  struct alignas(64) Stripe {
    std::mutex mutex;
    KeyTable table;
    // Keys with a durable write awaiting its fsync (DocumentEntry::sync_pending); created on the
    // first one, as most stripes never see one.
    std::unique_ptr<PendingWrites> pending;
  };
  struct Stamp {
    uint64_t seqno;
    uint64_t cas;
  };

  explicit VBucket(uint16_t id) : id_(id) {}
  VBucket(const VBucket&) = delete;
  VBucket& operator=(const VBucket&) = delete;

  uint16_t id() const { return id_; }
  // The stripe of the key whose KeyTable::Hash is `hash`. Also starts loading the key's home slot,
  // as every caller is about to take the stripe mutex and look the key up: the two cache misses
  // then overlap instead of following each other.
  Stripe& StripeFor(uint64_t hash) {
    KeyTable::Prefetch(probe_hints_[hash % kStripes].load(std::memory_order_relaxed), hash);
    return stripes_[hash % kStripes];
  }

  // Caller holds the key's stripe mutex for both. Find returns null when the key was never
  // written; Create adds a tombstone-state entry and indexes the key.
  static std::pair<const std::string*, DocumentEntry*> Find(Stripe& stripe, std::string_view key,
                                                            uint64_t hash);
  std::pair<const std::string*, DocumentEntry*> Create(Stripe& stripe, std::string_view key,
                                                       uint64_t hash);
  // Recovery: Create without indexing the key. IndexAllKeys then indexes every key at once, in
  // sorted order, where each insertion costs constant time instead of a search of the tree.
  static std::pair<const std::string*, DocumentEntry*> CreateUnindexed(Stripe& stripe,
                                                                       std::string_view key,
                                                                       uint64_t hash);
  void IndexAllKeys();

  std::mutex& commit_mutex() { return commit_mutex_; }
  EventSequencer& events() { return events_; }
  // Caller holds commit_mutex().
  Stamp NextStamp() { return {++high_seqno_, hlc_.Next()}; }
  uint64_t NextCas() { return hlc_.Next(); }
  // Recovery: keep seqno and CAS above what the log already holds. Caller holds commit_mutex().
  void ObserveRecovered(uint64_t seqno, uint64_t cas);

  // How many live documents have an expiry, so the expiry pager skips vBuckets with none. Caller
  // holds the entry's stripe mutex.
  void CountExpiring(bool before, bool after) {
    if (before != after) expiring_.fetch_add(after ? 1 : -1, std::memory_order_relaxed);
  }
  bool has_expiring() const { return expiring_.load(std::memory_order_relaxed) > 0; }

  // Appends to `out` up to `max` keys of this vBucket in [from, end) in order (`end` empty =
  // unbounded); `from` itself is skipped when `exclusive`. Returns false once no key remains.
  bool CollectKeys(std::string_view from, bool exclusive, std::string_view end, size_t max,
                   std::vector<std::string>* out);

  // Erases every entry `doomed` picks, one stripe at a time under that stripe's mutex, and its
  // key from the key index. Returns how many.
  size_t EraseIf(const std::function<bool(const std::string&, const DocumentEntry&)>& doomed);

  // Calls fn(key, entry) for every entry, one stripe at a time under that stripe's mutex.
  void ForEachEntry(const std::function<void(const std::string&, DocumentEntry&)>& fn);
  // Calls fn(stripe) for every stripe; fn takes the stripe's mutex itself.
  void ForEachStripe(const std::function<void(Stripe&)>& fn) {
    for (Stripe& stripe : stripes_) fn(stripe);
  }

 private:
  static constexpr size_t kStripes = 8;

  const uint16_t id_;
  // KeyTable::ProbeHint() of each stripe's table, refreshed by Create under the stripe mutex. In
  // its own cache line, which stays cached as no lookup writes it.
  alignas(64) std::array<std::atomic<uintptr_t>, kStripes> probe_hints_{};
  std::array<Stripe, kStripes> stripes_;

  std::mutex commit_mutex_;
  uint64_t high_seqno_ = 0;  // guarded by commit_mutex_
  Hlc hlc_;                  // guarded by commit_mutex_
  EventSequencer events_;

  std::atomic<int64_t> expiring_{0};

  std::mutex key_index_mutex_;
  std::set<std::string, std::less<>> key_index_;  // guarded by key_index_mutex_
};

}  // namespace casql::kv
