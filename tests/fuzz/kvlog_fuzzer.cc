// libFuzzer target for kvengine log recovery: the input is the content of a bucket's only log
// segment, as a crash or a bad disk may leave it. Recovery must succeed or fail with a Status,
// never crash or hang; it cuts a damaged tail off, so recovering the same directory again
// must replay the same records and find no damage.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <system_error>

#include "kvengine/file_util.h"
#include "kvengine/recovery.h"

namespace {

// The scratch directory every input is recovered in. libFuzzer ends a run with exit(), which
// destroys this static and so removes the directory; only a crash leaves it behind, next to
// the crash input that explains it.
class ScratchDir {
 public:
  ScratchDir()
      : path_(std::filesystem::temp_directory_path() /
              ("casql-kvlog-fuzz-" + std::to_string(getpid()))) {}
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  const std::filesystem::path path_;
};

const std::filesystem::path& BucketDir() {
  static const ScratchDir dir;
  return dir.path();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace casql::kv;
  const std::filesystem::path dir = BucketDir();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    std::ofstream segment(dir / NumberedFileName(1, ".log"), std::ios::binary);
    segment.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  auto clock = std::make_shared<SystemClock>();
  BucketLog::Options options;
  options.fsync = false;
  RecoveryReport first;
  auto bucket = RecoverBucket(dir, clock, options, &first);
  if (!bucket.ok()) return 0;
  bucket.value().reset();
  RecoveryReport second;
  auto again = RecoverBucket(dir, clock, options, &second);
  if (!again.ok() || second.records != first.records || !second.damage.empty()) std::abort();
  return 0;
}
