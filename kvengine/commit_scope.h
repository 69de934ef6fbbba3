#pragma once

#include <mutex>
#include <utility>
#include <vector>

#include "kvengine/collection.h"

namespace casql::kv {

// The locks one operation holds on a key and the mutation events it owes the listeners. The
// stripe mutex is taken on construction; the vBucket's commit mutex is taken by the first commit
// and kept until the events are delivered, so listeners see each vBucket's mutations in seqno
// order. On destruction the stripe is released first, then events are delivered, then the commit
// mutex is released.
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
    stripe_lock_.unlock();
    for (const MutationEvent& event : events_) collection_.listeners_.Notify(event);
    events_.clear();
  }
  CommitScope(const CommitScope&) = delete;
  CommitScope& operator=(const CommitScope&) = delete;

  VBucket& vbucket() { return vbucket_; }
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
  void AddEvent(MutationEvent event) { events_.push_back(std::move(event)); }
  // Where the last commit's log record ends (0 when nothing was logged).
  uint64_t log_position = 0;

 private:
  Collection& collection_;
  VBucket& vbucket_;
  const std::string_view key_;
  const uint64_t hash_;
  VBucket::Stripe& stripe_;
  std::unique_lock<std::mutex> stripe_lock_;
  std::unique_lock<std::mutex> commit_lock_;  // released after the destructor delivered events
  std::vector<MutationEvent> events_;
};

}  // namespace casql::kv
