#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace casql::kv {

// Keeps a vBucket's mutation events in commit order while they are delivered outside the key and
// commit locks (so listeners may read the collection): each commit that owes an event takes a
// turn under the commit mutex, and its delivery waits until the earlier turns are finished.
//
// Thread safety: all methods may be called from any thread; the internal mutex is never held
// while another lock is taken.
class EventSequencer {
 public:
  // Caller holds the vBucket's commit mutex, so turns follow seqno order.
  uint64_t Issue();
  // Returns once every turn before `turn` is finished.
  void WaitTurn(uint64_t turn);
  void Finish(uint64_t turn);
  // Returns once every turn issued so far is finished.
  void WaitIdle();

 private:
  std::mutex mutex_;
  std::condition_variable finished_changed_;
  uint64_t issued_ = 0;    // guarded by mutex_
  uint64_t finished_ = 0;  // guarded by mutex_
};

}  // namespace casql::kv
