#include "kvengine/log_file_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "kvengine/file_util.h"

namespace casql::kv {

Result<std::unique_ptr<LogFileReader>> LogFileReader::Open(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError("open", path, errno);
  struct stat info;
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    return IoError("stat of", path, error);
  }
  std::unique_ptr<LogFileReader> reader(new LogFileReader());
  const size_t size = static_cast<size_t>(info.st_size);
  if (size > 0) {
    void* mapping = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapping == MAP_FAILED) {
      const int error = errno;
      ::close(fd);
      return IoError("mmap of", path, error);
    }
    reader->mapping_ = mapping;
    reader->data_ = std::string_view(static_cast<const char*>(mapping), size);
  }
  ::close(fd);
  return reader;
}

LogFileReader::~LogFileReader() {
  if (mapping_ != nullptr) ::munmap(mapping_, data_.size());
}

uint64_t LogFileReader::ForEach(const std::function<void(const LogRecord&, uint64_t)>& fn) {
  uint64_t offset = 0;
  LogRecord record;
  stop_reason_.clear();
  while (offset < data_.size()) {
    std::optional<size_t> length = DecodeRecord(data_.substr(offset), &record, &stop_reason_);
    if (!length) break;
    fn(record, offset);
    offset += *length;
  }
  return offset;
}

}  // namespace casql::kv
