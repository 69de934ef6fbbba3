#include "kvengine/file_util.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace casql::kv {

Status IoError(std::string_view what, const std::filesystem::path& path, int error) {
  // A full disk is temporary (space can be freed, the flusher retries): TMPFAIL tells clients to
  // retry, as kv_engine does when it cannot take writes.
  const bool no_space = error == ENOSPC || error == EDQUOT;
  return Status(no_space ? KvStatus::kTmpfail : KvStatus::kEinternal,
                std::string(what) + " " + path.string() + " failed: " + std::strerror(error));
}

Status WriteAll(int fd, std::string_view data, const std::filesystem::path& path,
                const WriteFault& fault) {
  if (fault && fault()) return IoError("write to", path, ENOSPC);
  while (!data.empty()) {
    const ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return IoError("write to", path, errno);
    }
    data.remove_prefix(static_cast<size_t>(written));
  }
  return Status::OK();
}

Status SyncFd(int fd, const std::filesystem::path& path) {
  if (::fdatasync(fd) != 0) return IoError("fdatasync of", path, errno);
  return Status::OK();
}

Status SyncDirectory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoError("open", dir, errno);
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) return IoError("fsync of", dir, error);
  return Status::OK();
}

Result<int> OpenForAppend(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return IoError("open", path, errno);
  return fd;
}

Status ReadWholeFile(const std::filesystem::path& path, std::string* out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError("open", path, errno);
  out->clear();
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return IoError("read of", path, error);
    }
    if (n == 0) break;
    out->append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return Status::OK();
}

Status TruncateFile(const std::filesystem::path& path, uint64_t size) {
  if (::truncate(path.c_str(), static_cast<off_t>(size)) != 0) {
    return IoError("truncate of", path, errno);
  }
  return Status::OK();
}

std::string NumberedFileName(uint64_t number, std::string_view extension) {
  char name[32];
  std::snprintf(name, sizeof(name), "%010llu", static_cast<unsigned long long>(number));
  return std::string(name) + std::string(extension);
}

uint64_t ParseNumberedFileName(const std::string& name, std::string_view extension) {
  if (name.size() != 10 + extension.size() || !name.ends_with(extension)) return 0;
  uint64_t number = 0;
  for (size_t i = 0; i < 10; ++i) {
    if (name[i] < '0' || name[i] > '9') return 0;
    number = number * 10 + static_cast<uint64_t>(name[i] - '0');
  }
  return number;
}

}  // namespace casql::kv
