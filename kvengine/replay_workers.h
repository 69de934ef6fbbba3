#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

#include "kvengine/bucket.h"
#include "kvengine/log_record.h"

namespace casql::kv {

// Applies the document records of a bucket's recovery on worker threads while the recovering
// thread reads and checks the log: replaying a record (parsing its JSON body, inserting the key)
// costs far more than decoding it, and records of different keys are independent. Worker i
// replays the records of the vBuckets whose id % workers == i, so a key's records keep their log
// order on one thread (replay would converge anyway: the highest seqno wins).
//
// Catalog records are not its business: the caller Drain()s first, so no document record runs
// while a collection is created or dropped, then replays the catalog record itself.
//
// Thread safety: Add and Drain are called by one thread. The views of an added record point into
// the caller's buffer (the mapped log file), which must stay valid until Drain returns.
class ReplayWorkers {
 public:
  // `workers` 0 or 1 replays on the caller's thread.
  ReplayWorkers(Bucket& bucket, size_t workers);
  ~ReplayWorkers();
  ReplayWorkers(const ReplayWorkers&) = delete;
  ReplayWorkers& operator=(const ReplayWorkers&) = delete;

  // A document record.
  void Add(const LogRecord& record);
  // Returns once every record added so far is replayed.
  void Drain();

 private:
  // Records go to workers in batches, so the queue's mutex is taken once per batch.
  static constexpr size_t kBatch = 512;
  // Batches waiting per worker before Add blocks: bounds the memory a slow worker holds.
  static constexpr size_t kMaxQueued = 8;

  struct Worker {
    std::vector<LogRecord> filling;             // the caller's, not yet handed over
    std::vector<std::vector<LogRecord>> queue;  // guarded by mutex_
    bool busy = false;                          // guarded by mutex_
    std::thread thread;
  };

  void Hand(Worker& worker);
  void Run(Worker& worker);

  Bucket& bucket_;
  std::vector<Worker> workers_;
  std::mutex mutex_;
  std::condition_variable work_;      // a worker has a batch, or stopping_
  std::condition_variable progress_;  // a worker finished a batch
  bool stopping_ = false;             // guarded by mutex_
};

}  // namespace casql::kv
