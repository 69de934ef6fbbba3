#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace casql::kv {

// A background thread that runs `fn` every `interval`, or at once when woken. Destruction stops
// and joins it (after the current run).
//
// Thread safety: Wake may be called from any thread, including under other locks (it only
// notifies).
class PeriodicTask {
 public:
  PeriodicTask(std::chrono::milliseconds interval, std::function<void()> fn);
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  void Wake();

 private:
  void Run();

  const std::chrono::milliseconds interval_;
  const std::function<void()> fn_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;   // guarded by mutex_
  bool woken_ = false;  // guarded by mutex_
  std::thread thread_;  // started last, once the members it uses exist
};

}  // namespace casql::kv
