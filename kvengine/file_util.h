#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "kvengine/kv_status.h"

namespace casql::kv {

// Test and --fault-injection hook: when it returns true, a log write fails as a full disk would
// (ENOSPC) without writing anything.
using WriteFault = std::function<bool()>;

// POSIX file helpers; failures are EINTERNAL with the path and the system's reason, TMPFAIL when
// the disk is full (ENOSPC, EDQUOT).
Status WriteAll(int fd, std::string_view data, const std::filesystem::path& path,
                const WriteFault& fault);
Status SyncFd(int fd, const std::filesystem::path& path);
Status SyncDirectory(const std::filesystem::path& dir);
// Opens for appending (created if missing), returns the descriptor.
Result<int> OpenForAppend(const std::filesystem::path& path);
Status ReadWholeFile(const std::filesystem::path& path, std::string* out);
Status TruncateFile(const std::filesystem::path& path, uint64_t size);
Status IoError(std::string_view what, const std::filesystem::path& path, int error);

// Segment and snapshot file names: ten-digit number and extension, e.g. 0000000003.log.
std::string NumberedFileName(uint64_t number, std::string_view extension);
// The number of a file named by NumberedFileName with that extension, or 0.
uint64_t ParseNumberedFileName(const std::string& name, std::string_view extension);

}  // namespace casql::kv
