#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace casql::http {

// Hands freed heap memory back to the kernel (malloc_trim) after large requests, at most once
// per `min_interval`, on a thread of its own.
//
// Why: a large request (a big document, a long or deeply nested statement) leaves the pool
// thread's malloc arena holding its freed blocks, and glibc keeps them: with one arena per
// pool thread, a few hostile requests would pin a GiB. Trimming on the request's own thread
// after every such request made bulk loads pay, batch after batch, for unmapping pages and
// faulting them in again; here a busy loader causes one trim per interval, and the memory of a
// burst still comes back within one interval after it ends.
//
// Thread safety: NoteLargeRequest may be called concurrently from any thread.
class MemoryTrimmer {
 public:
  explicit MemoryTrimmer(std::chrono::milliseconds min_interval = std::chrono::seconds(1));
  ~MemoryTrimmer();
  MemoryTrimmer(const MemoryTrimmer&) = delete;
  MemoryTrimmer& operator=(const MemoryTrimmer&) = delete;

  // A request large enough to have grown an arena has finished.
  void NoteLargeRequest();
  // How many trims have run (tests check that a burst is coalesced).
  int trims() const;

 private:
  void Run();

  const std::chrono::milliseconds min_interval_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool pending_ = false;
  bool stopping_ = false;
  int trims_ = 0;
  std::thread thread_;
};

}  // namespace casql::http
