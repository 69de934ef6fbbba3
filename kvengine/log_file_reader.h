#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "kvengine/kv_status.h"
#include "kvengine/log_record.h"

namespace casql::kv {

// Reads the records of one log segment or snapshot (mapped into memory) in order, stopping at
// the first record that is torn or corrupt: after a crash only the tail can be incomplete.
//
// Thread safety: one reader per thread.
class LogFileReader {
 public:
  static Result<std::unique_ptr<LogFileReader>> Open(const std::filesystem::path& path);
  ~LogFileReader();
  LogFileReader(const LogFileReader&) = delete;
  LogFileReader& operator=(const LogFileReader&) = delete;

  // Calls fn(record, offset) for every intact record. Returns the offset where intact data ends
  // (== size() when the whole file is intact); stop_reason() then says why it stopped.
  uint64_t ForEach(const std::function<void(const LogRecord&, uint64_t offset)>& fn);
  uint64_t size() const { return data_.size(); }
  const std::string& stop_reason() const { return stop_reason_; }

 private:
  LogFileReader() = default;

  std::string_view data_;
  void* mapping_ = nullptr;
  std::string stop_reason_;
};

}  // namespace casql::kv
