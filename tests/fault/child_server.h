#pragma once

#include <httplib.h>

#include <chrono>
#include <string>
#include <vector>

#include "value/value.h"

namespace casql::testing {

// A `casql serve --data-dir D --port 0` child that a test may kill -9 and start again on the
// same directory. tests/http's ServerProcess always ends its child with SIGTERM and does not
// expose the pid, so the crash tests keep their own, smaller launcher.
class ChildServer {
 public:
  // `extra_args` are appended to the serve command line.
  explicit ChildServer(std::string data_dir, std::vector<std::string> extra_args = {})
      : data_dir_(std::move(data_dir)), extra_args_(std::move(extra_args)) {}
  ~ChildServer();
  ChildServer(const ChildServer&) = delete;
  ChildServer& operator=(const ChildServer&) = delete;

  // Starts the server and waits for its "listening" line; returns how long that took.
  std::chrono::milliseconds Start();
  // SIGKILL: no flush, no destructor, no signal handler runs.
  void Kill9();
  // SIGTERM; returns the exit status (0 = clean shutdown).
  int Stop();
  bool running() const { return pid_ > 0; }
  int pid() const { return pid_; }
  int port() const { return port_; }
  // Caps the size of any file the server writes (RLIMIT_FSIZE through prlimit); a write past it
  // fails with EFBIG, as a full disk fails with ENOSPC. 0 lifts the cap.
  void LimitFileSize(uint64_t bytes) const;

  struct Reply {
    int http_status = 0;  // 0: no HTTP answer (connection refused, reset, timed out)
    Value json;
    std::string body;
  };
  // POSTs a JSON object of request parameters to /query/service on a fresh connection.
  Reply Query(const Value& params) const;
  // POSTs any body with any content type and extra headers.
  Reply Post(const std::string& path, const std::string& body, const std::string& content_type,
             const httplib::Headers& headers = {}) const;
  Reply Get(const std::string& path) const;
  // GET, PUT, POST or DELETE with a JSON body (KV REST API).
  Reply Send(const std::string& method, const std::string& path, const std::string& body = "",
             const httplib::Headers& headers = {}) const;
  // Runs `statement` and fails the test unless it succeeds.
  Value MustRun(const std::string& statement) const;

 private:
  void Reap(int signal);
  std::string data_dir_;
  std::vector<std::string> extra_args_;
  int pid_ = -1;
  int port_ = 0;
  int last_status_ = -1;
  int stdout_fd_ = -1;
};

}  // namespace casql::testing
