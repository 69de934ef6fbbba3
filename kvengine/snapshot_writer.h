#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "kvengine/file_util.h"
#include "kvengine/kv_status.h"

namespace casql::kv {

// Writes a compaction snapshot: records go to "<final>.tmp" through a buffer; Finish fsyncs it
// and renames it into place, so a crash leaves either the old files or the complete snapshot.
//
// Thread safety: one writer, one thread.
class SnapshotWriter {
 public:
  // `fault` as for the log (tests: a full disk).
  static Result<std::unique_ptr<SnapshotWriter>> Open(std::filesystem::path final_path,
                                                      WriteFault fault = nullptr);
  ~SnapshotWriter();
  SnapshotWriter(const SnapshotWriter&) = delete;
  SnapshotWriter& operator=(const SnapshotWriter&) = delete;

  // Buffer the caller fills with encoded records; written out whenever it grows large.
  std::string* buffer() { return &buffer_; }
  Status MaybeWrite();
  // Returns the snapshot's size in bytes.
  Result<uint64_t> Finish(bool fsync);

 private:
  SnapshotWriter(std::filesystem::path final_path, int fd, WriteFault fault);

  const std::filesystem::path final_path_;
  const std::filesystem::path temp_path_;
  int fd_;
  const WriteFault fault_;
  std::string buffer_;
  uint64_t written_ = 0;
  bool finished_ = false;
};

}  // namespace casql::kv
