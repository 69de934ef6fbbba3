#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "value/status.h"

namespace casql::http {

// The request log of `casql serve`: one JSON object per line for every finished
// /query/service request, so that a request ID a client reports can be found again
// (docs/http-api.md, "Request log"). A line holds what identifies and summarises the request
// and never its credentials: neither the Authorization header nor the `creds` parameter (nor
// any other request parameter besides the statement and client_context_id) is written.
//
// Thread safety: Write may be called from many threads; each line is written whole.
class RequestLog {
 public:
  // Appends to `path`, creating it (mode 0600: the statements are the users' data).
  static Result<std::unique_ptr<RequestLog>> Open(const std::string& path);
  // Writes to the process's standard error.
  static std::unique_ptr<RequestLog> Stderr();
  ~RequestLog();
  RequestLog(const RequestLog&) = delete;
  RequestLog& operator=(const RequestLog&) = delete;

  struct Entry {
    std::string_view request_id;
    const std::optional<std::string>* client_context_id = nullptr;
    std::string_view users;  // comma-separated authenticated user names
    int http_status = 0;
    std::string_view status;  // success, errors, fatal, timeout, closed
    std::chrono::nanoseconds elapsed{0};
    uint64_t result_count = 0;
    std::vector<int> error_codes;
    std::string_view statement;
  };
  // A failed write (a full disk) is dropped: logging never fails the request it describes.
  void Write(const Entry& entry);

  // The line for `entry` finished at `now`, newline included.
  static std::string FormatLine(const Entry& entry, std::chrono::system_clock::time_point now);

  // Statements are cut to this many bytes (at a UTF-8 character boundary) so that one huge
  // statement cannot flood the log.
  static constexpr size_t kStatementLimit = 1000;

 private:
  RequestLog(int fd, bool owned) : fd_(fd), owned_(owned) {}
  const int fd_;
  const bool owned_;
  std::mutex mu_;
};

}  // namespace casql::http
