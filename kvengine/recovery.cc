#include "kvengine/recovery.h"

#include <unistd.h>

#include <algorithm>
#include <map>
#include <thread>
#include <utility>

#include "kvengine/file_util.h"
#include "kvengine/log_file_reader.h"
#include "kvengine/log_record.h"
#include "kvengine/replay_workers.h"

namespace casql::kv {
namespace {

// Replays one file into the bucket; returns the offset where intact data ends.
Result<uint64_t> ReplayFile(const std::filesystem::path& path, Bucket& bucket,
                            ReplayWorkers& workers, RecoveryReport* report, uint64_t* file_bytes) {
  Result<std::unique_ptr<LogFileReader>> reader = LogFileReader::Open(path);
  if (!reader.ok()) return reader.status();
  const uint64_t end = (*reader)->ForEach([&](const LogRecord& record, uint64_t) {
    if (record.type == RecordType::kDocument) {
      workers.Add(record);
    } else {
      workers.Drain();
      bucket.ReplayRecord(record);
    }
    ++report->records;
  });
  workers.Drain();  // the records point into the reader's mapping
  *file_bytes = (*reader)->size();
  if (end < *file_bytes) {
    report->damage.push_back(
        RecoveryReport::Damage{path.string(), end, *file_bytes - end, (*reader)->stop_reason()});
  }
  return end;
}

}  // namespace

std::string RecoveryReport::Summary() const {
  std::string line = "kvengine recovery: " + std::to_string(buckets) + " bucket(s), " +
                     std::to_string(records) + " record(s) replayed";
  if (damage.empty()) return line + ", no damage";
  for (const Damage& d : damage) {
    line += "; dropped " + std::to_string(d.dropped_bytes) + " byte(s) of " + d.file +
            " at offset " + std::to_string(d.offset) + " (" + d.reason + ")";
  }
  return line;
}

Result<std::shared_ptr<Bucket>> RecoverBucket(const std::filesystem::path& dir,
                                              std::shared_ptr<const Clock> clock,
                                              const BucketLog::Options& options,
                                              RecoveryReport* report) {
  std::map<uint64_t, std::filesystem::path> segments;
  std::map<uint64_t, std::filesystem::path> snapshots;
  std::error_code error;
  for (const auto& file : std::filesystem::directory_iterator(dir, error)) {
    const std::string name = file.path().filename().string();
    if (name.ends_with(".tmp")) {
      std::filesystem::remove(file.path(), error);  // an unfinished compaction
    } else if (uint64_t n = ParseNumberedFileName(name, ".log")) {
      segments[n] = file.path();
    } else if (uint64_t s = ParseNumberedFileName(name, ".snap")) {
      snapshots[s] = file.path();
    }
  }
  if (error) return IoError("listing", dir, error.value());
  const uint64_t snapshot = snapshots.empty() ? 0 : snapshots.rbegin()->first;
  for (const auto& [number, path] : snapshots) {
    // A crash after a compaction installed its snapshot can leave the previous one behind.
    if (number != snapshot) std::filesystem::remove(path, error);
  }

  auto bucket = std::make_shared<Bucket>(dir.filename().string(), std::move(clock));
  // One worker per core, up to what one reading thread keeps busy (decoding a record and
  // checking its CRC is a small fraction of replaying it).
  ReplayWorkers workers(*bucket, std::min(std::thread::hardware_concurrency(), 8u));
  BucketLog::Existing existing;
  if (snapshot != 0) {
    const std::filesystem::path path = dir / NumberedFileName(snapshot, ".snap");
    Result<uint64_t> end = ReplayFile(path, *bucket, workers, report, &existing.snapshot_bytes);
    if (!end.ok()) return end.status();
    existing.snapshot = snapshot;
  }
  for (const auto& [number, path] : segments) {
    if (number < snapshot) {
      std::filesystem::remove(path, error);  // already covered by the snapshot
      continue;
    }
    uint64_t file_bytes = 0;
    Result<uint64_t> end = ReplayFile(path, *bucket, workers, report, &file_bytes);
    if (!end.ok()) return end.status();
    if (*end < file_bytes) CASQL_KV_RETURN_IF_ERROR(TruncateFile(path, *end));
    existing.segment_bytes[number] = *end;
  }
  bucket->FinishRecovery();
  existing.live_bytes = bucket->LiveBytes();
  Result<std::unique_ptr<BucketLog>> log = BucketLog::Open(dir, std::move(existing), options);
  if (!log.ok()) return log.status();
  bucket->AttachLog(std::shared_ptr<BucketLog>(std::move(log).value()));
  ++report->buckets;
  return bucket;
}

Status CreateBucketDirectory(const std::filesystem::path& data_dir, const std::string& name,
                             bool fsync) {
  const std::filesystem::path temp = data_dir / (".creating-" + name);
  std::error_code error;
  std::filesystem::remove_all(temp, error);
  if (!std::filesystem::create_directory(temp, error)) return IoError("mkdir", temp, error.value());
  std::string record;
  AppendNextUidRecord(8, &record);
  const std::filesystem::path first = temp / NumberedFileName(1, ".log");
  Result<int> fd = OpenForAppend(first);
  if (!fd.ok()) return fd.status();
  Status status = WriteAll(*fd, record, first, nullptr);
  if (status.ok() && fsync) status = SyncFd(*fd, first);
  ::close(*fd);
  CASQL_KV_RETURN_IF_ERROR(status);
  if (fsync) CASQL_KV_RETURN_IF_ERROR(SyncDirectory(temp));
  std::filesystem::rename(temp, data_dir / name, error);
  if (error) return IoError("rename of", temp, error.value());
  return fsync ? SyncDirectory(data_dir) : Status::OK();
}

}  // namespace casql::kv
