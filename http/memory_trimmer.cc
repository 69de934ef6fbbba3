#include "http/memory_trimmer.h"

#include <malloc.h>

namespace casql::http {

MemoryTrimmer::MemoryTrimmer(std::chrono::milliseconds min_interval)
    : min_interval_(min_interval), thread_([this] { Run(); }) {}

MemoryTrimmer::~MemoryTrimmer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void MemoryTrimmer::NoteLargeRequest() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (pending_) return;
    pending_ = true;
  }
  wake_.notify_all();
}

int MemoryTrimmer::trims() const {
  std::lock_guard<std::mutex> lock(mu_);
  return trims_;
}

void MemoryTrimmer::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return pending_ || stopping_; });
    if (stopping_) return;
    pending_ = false;
    lock.unlock();
    malloc_trim(0);
    lock.lock();
    ++trims_;
    // Requests finishing during the pause are coalesced into the next trim.
    if (wake_.wait_for(lock, min_interval_, [this] { return stopping_; })) return;
  }
}

}  // namespace casql::http
