#pragma once

#include <httplib.h>

#include <string>
#include <vector>

#include "value/value.h"

namespace casql::testing {

// A real `casql serve` child process on an ephemeral loopback port, as users run it.
// The constructor waits for its "casql listening on http://127.0.0.1:P" line; the destructor
// sends SIGTERM and waits for a clean exit.
class ServerProcess {
 public:
  explicit ServerProcess(std::vector<std::string> extra_args = {"--memory"});
  // Starts the server and returns what it printed and its exit status when it refuses to
  // start (the constructor throws in that case).
  struct Refusal {
    int exit_status = 0;
    std::string stderr_text;
  };
  static Refusal FailToStart(std::vector<std::string> args);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  int pid() const { return pid_; }
  // Sends SIGTERM and returns the exit status (0 = clean shutdown).
  int Stop();

  struct Response {
    int http_status = 0;
    std::string body;
    Value json;  // the parsed body (MISSING when it is not JSON)
    std::string content_type;
    httplib::Headers headers;
  };
  // POSTs a JSON object of request parameters to /query/service.
  Response Query(const Value& params);
  // POSTs `statement` alone (JSON body) and expects status "success".
  Value MustRun(const std::string& statement);
  Response Post(const std::string& path, const std::string& body, const std::string& type);
  Response Get(const std::string& path);
  // Any method, with extra headers (e.g. Authorization, If-Match).
  Response Send(const std::string& method, const std::string& path, const std::string& body = "",
                const std::string& content_type = "", const httplib::Headers& headers = {});

 private:
  httplib::Client Client() const;
  static Response Convert(const httplib::Result& result);
  int pid_ = -1;
  int port_ = 0;
  int stdout_fd_ = -1;
};

}  // namespace casql::testing
