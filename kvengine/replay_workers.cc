#include "kvengine/replay_workers.h"

#include <utility>

namespace casql::kv {

ReplayWorkers::ReplayWorkers(Bucket& bucket, size_t workers) : bucket_(bucket) {
  if (workers < 2) return;
  workers_ = std::vector<Worker>(workers);
  for (Worker& worker : workers_) worker.thread = std::thread([this, &worker] { Run(worker); });
}

ReplayWorkers::~ReplayWorkers() {
  Drain();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_.notify_all();
  for (Worker& worker : workers_) worker.thread.join();
}

void ReplayWorkers::Add(const LogRecord& record) {
  if (workers_.empty()) {
    bucket_.ReplayRecord(record);
    return;
  }
  Worker& worker = workers_[record.vbucket % workers_.size()];
  worker.filling.push_back(record);
  if (worker.filling.size() == kBatch) Hand(worker);
}

void ReplayWorkers::Hand(Worker& worker) {
  std::unique_lock<std::mutex> lock(mutex_);
  progress_.wait(lock, [&] { return worker.queue.size() < kMaxQueued; });
  worker.queue.push_back(std::move(worker.filling));
  worker.filling = {};
  worker.filling.reserve(kBatch);
  lock.unlock();
  work_.notify_all();
}

void ReplayWorkers::Drain() {
  for (Worker& worker : workers_) {
    if (!worker.filling.empty()) Hand(worker);
  }
  std::unique_lock<std::mutex> lock(mutex_);
  for (Worker& worker : workers_) {
    progress_.wait(lock, [&] { return worker.queue.empty() && !worker.busy; });
  }
}

void ReplayWorkers::Run(Worker& worker) {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    work_.wait(lock, [&] { return stopping_ || !worker.queue.empty(); });
    if (worker.queue.empty()) return;  // stopping, and everything handed over is done
    std::vector<LogRecord> batch = std::move(worker.queue.front());
    worker.queue.erase(worker.queue.begin());
    worker.busy = true;
    lock.unlock();
    for (const LogRecord& record : batch) bucket_.ReplayRecord(record);
    lock.lock();
    worker.busy = false;
    progress_.notify_all();
  }
}

}  // namespace casql::kv
