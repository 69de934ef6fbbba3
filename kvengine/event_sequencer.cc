#include "kvengine/event_sequencer.h"

namespace casql::kv {

uint64_t EventSequencer::Issue() {
  std::lock_guard<std::mutex> lock(mutex_);
  return ++issued_;
}

void EventSequencer::WaitTurn(uint64_t turn) {
  std::unique_lock<std::mutex> lock(mutex_);
  finished_changed_.wait(lock, [&] { return finished_ + 1 == turn; });
}

void EventSequencer::Finish(uint64_t turn) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    finished_ = turn;
  }
  finished_changed_.notify_all();
}

void EventSequencer::WaitIdle() {
  std::unique_lock<std::mutex> lock(mutex_);
  const uint64_t target = issued_;
  finished_changed_.wait(lock, [&] { return finished_ >= target; });
}

}  // namespace casql::kv
