#include "kvengine/snapshot_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

#include "kvengine/file_util.h"

namespace casql::kv {
namespace {

constexpr size_t kWriteChunk = 1 << 20;

}  // namespace

SnapshotWriter::SnapshotWriter(std::filesystem::path final_path, int fd, WriteFault fault)
    : final_path_(std::move(final_path)),
      temp_path_(final_path_.string() + ".tmp"),
      fd_(fd),
      fault_(std::move(fault)) {}

Result<std::unique_ptr<SnapshotWriter>> SnapshotWriter::Open(std::filesystem::path final_path,
                                                             WriteFault fault) {
  const std::filesystem::path temp = final_path.string() + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return IoError("open", temp, errno);
  return std::unique_ptr<SnapshotWriter>(
      new SnapshotWriter(std::move(final_path), fd, std::move(fault)));
}

SnapshotWriter::~SnapshotWriter() {
  ::close(fd_);
  if (!finished_) {
    std::error_code ignored;
    std::filesystem::remove(temp_path_, ignored);
  }
}

Status SnapshotWriter::MaybeWrite() {
  if (buffer_.size() < kWriteChunk) return Status::OK();
  CASQL_KV_RETURN_IF_ERROR(WriteAll(fd_, buffer_, temp_path_, fault_));
  written_ += buffer_.size();
  buffer_.clear();
  return Status::OK();
}

Result<uint64_t> SnapshotWriter::Finish(bool fsync) {
  CASQL_KV_RETURN_IF_ERROR(WriteAll(fd_, buffer_, temp_path_, fault_));
  written_ += buffer_.size();
  buffer_.clear();
  if (fsync) CASQL_KV_RETURN_IF_ERROR(SyncFd(fd_, temp_path_));
  std::error_code error;
  std::filesystem::rename(temp_path_, final_path_, error);
  if (error) return IoError("rename of", temp_path_, error.value());
  finished_ = true;
  return written_;
}

}  // namespace casql::kv
