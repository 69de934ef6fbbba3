#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "kvengine/file_util.h"
#include "kvengine/kv_status.h"

namespace casql::kv {

// A bucket's append-only log: numbered segment files of records (log_record.cc has the layout)
// plus at most one snapshot written by compaction.
//
// Writers append encoded records to an in-memory buffer (cheap, under the log mutex) and, if they
// need durability, call Sync: one caller at a time becomes the leader and writes and fsyncs
// everything buffered so far while the others wait for it, so concurrent durable writers share
// one fsync (group commit). The background flusher calls Sync every few tens of milliseconds.
//
// A failed write (a full disk) is undone back to the last record boundary, kept buffered, and
// reported to the writers waiting for it; until a later write succeeds, health() reports the
// failure so new mutations are refused while reads continue.
//
// Thread safety: all methods may be called from any thread. Append may be called under key and
// commit locks: it never waits for I/O. Lock order: callers' locks, then the log mutex.
class BucketLog {
 public:
  struct Options {
    bool fsync = true;
    WriteFault fault;
    // The log may exceed twice the live data by this much before writers are held back.
    uint64_t compaction_slack_bytes = 16 << 20;
  };
  struct Stats {
    uint64_t log_bytes = 0;  // snapshot and segments, including what is still buffered
    int64_t live_bytes = 0;  // records a snapshot of the current state would hold
    uint64_t compactions = 0;
  };
  // What recovery found on disk: the snapshot's number and size, the kept segments' sizes.
  struct Existing {
    uint64_t snapshot = 0;
    uint64_t snapshot_bytes = 0;
    std::map<uint64_t, uint64_t> segment_bytes;
    int64_t live_bytes = 0;
  };

  // Starts a new segment numbered after every existing one.
  static Result<std::unique_ptr<BucketLog>> Open(std::filesystem::path dir, Existing existing,
                                                 Options options);
  ~BucketLog();
  BucketLog(const BucketLog&) = delete;
  BucketLog& operator=(const BucketLog&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  const WriteFault& fault() const { return options_.fault; }

  // Queues a record; `live_delta` is the change it makes to the live data size. Returns the log
  // position the record ends at, for Sync.
  uint64_t Append(std::string_view record, int64_t live_delta);
  // Changes the live data size without a record (purged tombstones).
  void AdjustLiveBytes(int64_t delta);
  // Returns once everything up to `position` is written (and fsynced when enabled). EINTERNAL if
  // the write failed; SyncWriteAmbiguous if the deadline passed while another writer's I/O ran.
  Status Sync(uint64_t position, std::chrono::steady_clock::time_point deadline);
  Status SyncAll();
  bool healthy() const { return !failed_.load(std::memory_order_acquire); }
  // The log position everything before which is on disk; lock-free, for readers deciding whether
  // a durable write has become visible.
  uint64_t durable_position() const { return durable_position_.load(std::memory_order_acquire); }
  Status health() const;

  // Compaction support: Rotate closes the current segment (written and synced) and starts the
  // next one, returning its number; every record in earlier segments is then reflected in
  // memory. InstallSnapshot accounts a snapshot covering all segments below `number` and
  // deletes those segments and older snapshots.
  Result<uint64_t> Rotate();
  Status InstallSnapshot(uint64_t number, uint64_t snapshot_bytes);
  bool WantsCompaction() const;
  // Holds a writer back while the log is more than 2x live data + slack (bounded wait).
  void WaitIfOverLimit();
  void SetCompactionWaker(std::function<void()> waker);
  Stats stats() const;

  // Stops using the files (the bucket is being dropped): later appends are ignored.
  void Close();

 private:
  BucketLog(std::filesystem::path dir, Existing existing, Options options);
  std::filesystem::path SegmentPath(uint64_t number) const;
  uint64_t LogBytesLocked() const;
  bool OverLimitLocked() const;
  bool WantsCompactionLocked() const;
  // Takes the I/O role; caller holds the lock, which is released while waiting.
  void AcquireIo(std::unique_lock<std::mutex>& lock);
  void ReleaseIo(const Status& status);
  void SetDurable(uint64_t position) {
    durable_ = position;
    durable_position_.store(position, std::memory_order_release);
  }

  const std::filesystem::path dir_;
  const Options options_;

  mutable std::mutex mutex_;
  std::condition_variable io_done_;
  std::string buffer_;          // appended, not yet handed to a write
  uint64_t appended_ = 0;       // log position after the last appended record
  uint64_t durable_ = 0;        // log position everything before which is on disk
  bool io_busy_ = false;        // a leader is writing or rotating
  uint64_t io_generation_ = 0;  // completed I/O rounds
  Status last_failure_;         // of the last I/O round, OK if it succeeded
  int fd_ = -1;                 // current segment
  uint64_t segment_ = 0;        // number of the segment new records go to
  uint64_t fd_segment_ = 0;     // number of the segment fd_ is open on
  uint64_t file_offset_ = 0;    // bytes of fd_'s segment known written
  uint64_t snapshot_ = 0;       // 0 = none
  uint64_t snapshot_bytes_ = 0;
  std::map<uint64_t, uint64_t> segment_bytes_;
  int64_t live_bytes_ = 0;
  uint64_t compactions_ = 0;
  bool closed_ = false;
  std::function<void()> wake_compactor_;
  std::condition_variable compacted_;
  std::atomic<bool> failed_{false};
  std::atomic<uint64_t> durable_position_{0};  // durable_, readable without the mutex
  std::atomic<bool> over_limit_{false};        // a hint for WaitIfOverLimit's lock-free fast path
};

}  // namespace casql::kv
