#include "kvengine/bucket_log.h"

#include <unistd.h>

#include <utility>

namespace casql::kv {

BucketLog::BucketLog(std::filesystem::path dir, Existing existing, Options options)
    : dir_(std::move(dir)),
      options_(std::move(options)),
      snapshot_(existing.snapshot),
      snapshot_bytes_(existing.snapshot_bytes),
      segment_bytes_(std::move(existing.segment_bytes)),
      live_bytes_(existing.live_bytes) {}

Result<std::unique_ptr<BucketLog>> BucketLog::Open(std::filesystem::path dir, Existing existing,
                                                   Options options) {
  uint64_t next = existing.snapshot + 1;
  if (!existing.segment_bytes.empty())
    next = std::max(next, existing.segment_bytes.rbegin()->first + 1);
  std::unique_ptr<BucketLog> log(new BucketLog(std::move(dir), std::move(existing), options));
  Result<int> fd = OpenForAppend(log->SegmentPath(next));
  if (!fd.ok()) return fd.status();
  log->fd_ = *fd;
  log->segment_ = log->fd_segment_ = next;
  log->segment_bytes_[next] = 0;
  CASQL_KV_RETURN_IF_ERROR(SyncDirectory(log->dir_));
  return log;
}

BucketLog::~BucketLog() {
  if (fd_ >= 0) ::close(fd_);
}

std::filesystem::path BucketLog::SegmentPath(uint64_t number) const {
  return dir_ / NumberedFileName(number, ".log");
}

uint64_t BucketLog::Append(std::string_view record, int64_t live_delta) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (closed_) return 0;
  buffer_.append(record);
  appended_ += record.size();
  segment_bytes_[segment_] += record.size();
  live_bytes_ += live_delta;
  over_limit_.store(OverLimitLocked(), std::memory_order_relaxed);
  if (wake_compactor_ && WantsCompactionLocked()) wake_compactor_();
  return appended_;
}

void BucketLog::AdjustLiveBytes(int64_t delta) {
  std::lock_guard<std::mutex> lock(mutex_);
  live_bytes_ += delta;
  over_limit_.store(OverLimitLocked(), std::memory_order_relaxed);
  if (wake_compactor_ && WantsCompactionLocked()) wake_compactor_();
}

void BucketLog::AcquireIo(std::unique_lock<std::mutex>& lock) {
  io_done_.wait(lock, [&] { return !io_busy_; });
  io_busy_ = true;
}

void BucketLog::ReleaseIo(const Status& status) {
  io_busy_ = false;
  ++io_generation_;
  last_failure_ = status;
  failed_.store(!status.ok(), std::memory_order_release);
  io_done_.notify_all();
}

Status BucketLog::Sync(uint64_t position, std::chrono::steady_clock::time_point deadline) {
  std::unique_lock<std::mutex> lock(mutex_);
  while (durable_ < position && !closed_) {
    if (io_busy_) {
      const uint64_t generation = io_generation_;
      if (!io_done_.wait_until(lock, deadline, [&] { return io_generation_ != generation; })) {
        return Status(KvStatus::kSyncWriteAmbiguous,
                      "durability timeout: the write is committed in memory but not yet on disk");
      }
      if (durable_ < position && !last_failure_.ok()) return last_failure_;
      continue;
    }
    io_busy_ = true;
    std::string batch = std::move(buffer_);
    buffer_.clear();
    const uint64_t batch_end = appended_;
    const int fd = fd_;
    const std::filesystem::path path = SegmentPath(fd_segment_);
    lock.unlock();
    Status status = WriteAll(fd, batch, path, options_.fault);
    if (status.ok() && options_.fsync) status = SyncFd(fd, path);
    if (!status.ok()) {
      // Cut a partial write back to the last whole record so the retry appends cleanly.
      TruncateFile(path, file_offset_);
    }
    lock.lock();
    if (status.ok()) {
      file_offset_ += batch.size();
      SetDurable(batch_end);
    } else {
      buffer_.insert(0, batch);
    }
    ReleaseIo(status);
    if (!status.ok()) return status;
  }
  return Status::OK();
}

Status BucketLog::SyncAll() {
  uint64_t position;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    position = appended_;
  }
  return Sync(position, std::chrono::steady_clock::time_point::max());
}

Status BucketLog::health() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_failure_;
}

Result<uint64_t> BucketLog::Rotate() {
  std::unique_lock<std::mutex> lock(mutex_);
  AcquireIo(lock);
  if (closed_) {
    ReleaseIo(Status::OK());
    return Status(KvStatus::kNoBucket, "the bucket was dropped");
  }
  // Everything appended so far goes to the old segment; later records to the new one.
  std::string batch = std::move(buffer_);
  buffer_.clear();
  const uint64_t batch_end = appended_;
  const uint64_t old_segment = segment_;
  const uint64_t next = segment_ + 1;
  segment_ = next;
  segment_bytes_[next] = 0;
  const std::filesystem::path old_path = SegmentPath(old_segment);
  lock.unlock();
  Status status = WriteAll(fd_, batch, old_path, options_.fault);
  if (status.ok()) status = SyncFd(fd_, old_path);
  Result<int> fd = status.ok() ? OpenForAppend(SegmentPath(next)) : Result<int>(status);
  if (fd.ok()) status = SyncDirectory(dir_);
  if (!fd.ok()) status = fd.status();
  lock.lock();
  if (status.ok()) {
    ::close(fd_);
    fd_ = *fd;
    fd_segment_ = next;
    file_offset_ = 0;
    SetDurable(batch_end);
  } else {
    if (fd.ok()) ::close(*fd);
    TruncateFile(old_path, file_offset_);
    buffer_.insert(0, batch);
    segment_bytes_[old_segment] += segment_bytes_[next];
    segment_bytes_.erase(next);
    segment_ = old_segment;
  }
  ReleaseIo(status);
  if (!status.ok()) return status;
  return next;
}

Status BucketLog::InstallSnapshot(uint64_t number, uint64_t snapshot_bytes) {
  std::vector<std::filesystem::path> obsolete;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = segment_bytes_.begin(); it != segment_bytes_.end() && it->first < number;) {
      obsolete.push_back(SegmentPath(it->first));
      it = segment_bytes_.erase(it);
    }
    if (snapshot_ != 0) obsolete.push_back(dir_ / NumberedFileName(snapshot_, ".snap"));
    snapshot_ = number;
    snapshot_bytes_ = snapshot_bytes;
    ++compactions_;
    over_limit_.store(OverLimitLocked(), std::memory_order_relaxed);
  }
  compacted_.notify_all();
  std::error_code error;
  for (const auto& path : obsolete) std::filesystem::remove(path, error);
  return SyncDirectory(dir_);
}

uint64_t BucketLog::LogBytesLocked() const {
  uint64_t total = snapshot_bytes_;
  for (const auto& [number, bytes] : segment_bytes_) total += bytes;
  return total;
}

bool BucketLog::WantsCompactionLocked() const {
  // Compacting at 1.5x live data leaves room for the writes made while it runs, so the log stays
  // under the 2x + slack limit; a lower trigger would rewrite the data too often.
  const uint64_t live = static_cast<uint64_t>(std::max<int64_t>(live_bytes_, 0));
  return LogBytesLocked() > live + live / 2 + options_.compaction_slack_bytes / 2;
}

bool BucketLog::WantsCompaction() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return !closed_ && WantsCompactionLocked();
}

bool BucketLog::OverLimitLocked() const {
  const uint64_t live = static_cast<uint64_t>(std::max<int64_t>(live_bytes_, 0));
  return LogBytesLocked() > 2 * live + options_.compaction_slack_bytes;
}

void BucketLog::WaitIfOverLimit() {
  if (!over_limit_.load(std::memory_order_relaxed)) return;
  std::unique_lock<std::mutex> lock(mutex_);
  if (closed_ || !OverLimitLocked()) return;
  if (wake_compactor_) wake_compactor_();
  // Bounded: if compaction cannot run (e.g. the disk is full) writers proceed and fail there.
  const uint64_t compactions = compactions_;
  compacted_.wait_for(lock, std::chrono::seconds(1),
                      [&] { return closed_ || compactions_ != compactions || !OverLimitLocked(); });
}

void BucketLog::SetCompactionWaker(std::function<void()> waker) {
  std::lock_guard<std::mutex> lock(mutex_);
  wake_compactor_ = std::move(waker);
}

BucketLog::Stats BucketLog::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return Stats{LogBytesLocked(), live_bytes_, compactions_};
}

void BucketLog::Close() {
  std::unique_lock<std::mutex> lock(mutex_);
  AcquireIo(lock);
  closed_ = true;
  buffer_.clear();
  ReleaseIo(Status::OK());
  compacted_.notify_all();
}

}  // namespace casql::kv
