#pragma once

#include <mutex>
#include <utility>
#include <vector>

#include "kvengine/collection.h"

namespace casql::kv {

// The locks one operation holds on a key and the mutation events it owes the listeners. The
// stripe mutex is taken on construction, the vBucket's commit mutex by the first commit. On
// destruction (or Unlock) both are released, then the events are delivered, each in its turn (see
// EventSequencer), so listeners see a vBucket's mutations in seqno order without holding locks.
class Collection::CommitScope {
 public:
  CommitScope(Collection& collection, VBucket& vbucket, std::string_view key)
      : collection_(collection),
        vbucket_(vbucket),
        key_(key),
        hash_(KeyTable::Hash(key)),
        stripe_(vbucket.StripeFor(hash_)),
        stripe_lock_(stripe_.mutex) {}
  ~CommitScope() {
    Unlock();
    for (const auto& [turn, event] : events_) {
      vbucket_.events().WaitTurn(turn);
      collection_.listeners_.Notify(event);
      vbucket_.events().Finish(turn);
    }
  }
  CommitScope(const CommitScope&) = delete;
  CommitScope& operator=(const CommitScope&) = delete;

  VBucket& vbucket() { return vbucket_; }
  VBucket::Stripe& stripe() { return stripe_; }
  // Releases the locks early (a durable write waits for its fsync without them); the events are
  // still delivered on destruction. LockStripe takes the stripe mutex again.
  void Unlock() {
    if (stripe_lock_.owns_lock()) stripe_lock_.unlock();
    if (commit_lock_.owns_lock()) commit_lock_.unlock();
  }
  void LockStripe() { stripe_lock_.lock(); }
  // The caller's key: unlike the stored one it stays put after the stripe is released.
  std::string_view key() const { return key_; }
  // The key's entry, null if it was never written; Create adds it.
  std::pair<const std::string*, DocumentEntry*> Find() {
    return VBucket::Find(stripe_, key_, hash_);
  }
  std::pair<const std::string*, DocumentEntry*> Create() {
    return vbucket_.Create(stripe_, key_, hash_);
  }
  void LockCommit() {
    if (!commit_lock_.owns_lock())
      commit_lock_ = std::unique_lock<std::mutex>(vbucket_.commit_mutex());
  }
  // Caller holds the commit mutex.
  void AddEvent(MutationEvent event) {
    events_.emplace_back(vbucket_.events().Issue(), std::move(event));
  }
  // Where the last commit's log record ends (0 when nothing was logged).
  uint64_t log_position = 0;

 private:
  Collection& collection_;
  VBucket& vbucket_;
  const std::string_view key_;
  const uint64_t hash_;
  VBucket::Stripe& stripe_;
  std::unique_lock<std::mutex> stripe_lock_;
  std::unique_lock<std::mutex> commit_lock_;
  std::vector<std::pair<uint64_t, MutationEvent>> events_;  // (turn, event)
};

}  // namespace casql::kv
