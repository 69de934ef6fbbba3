#include "kvengine/periodic_task.h"

#include <utility>

namespace casql::kv {

PeriodicTask::PeriodicTask(std::chrono::milliseconds interval, std::function<void()> fn)
    : interval_(interval), fn_(std::move(fn)), thread_([this] { Run(); }) {}

PeriodicTask::~PeriodicTask() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PeriodicTask::Wake() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void PeriodicTask::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    wake_.wait_for(lock, interval_, [&] { return stop_ || woken_; });
    if (stop_) break;
    woken_ = false;
    lock.unlock();
    fn_();
    lock.lock();
  }
}

}  // namespace casql::kv
