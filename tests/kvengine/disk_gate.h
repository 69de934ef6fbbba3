#pragma once

#include <condition_variable>
#include <mutex>

#include "kvengine/kvengine.h"

namespace casql::kv::testing {

// Holds every log write while closed, so a test can look at the engine while a durable write
// waits for its fsync. Only a write with something to write reaches it. Install Fault() as
// Engine::Options::write_fault.
class DiskGate {
 public:
  WriteFault Fault() {
    return [this] {
      std::unique_lock<std::mutex> lock(mutex_);
      if (closed_) {
        held_ = true;
        changed_.notify_all();
        changed_.wait(lock, [&] { return !closed_; });
      }
      return false;
    };
  }
  void Close() {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
  }
  void Open() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closed_ = false;
    }
    changed_.notify_all();
  }
  // Returns once a log write is held at the gate.
  void WaitUntilHeld() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return held_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool closed_ = false;
  bool held_ = false;
};

}  // namespace casql::kv::testing
