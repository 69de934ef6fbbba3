#pragma once

#include <chrono>
#include <string>

namespace casql::testing {

struct RawReply {
  int status = 0;  // 0: the server closed or timed out without a status line
  std::string body;
};

// Writes `request` as raw bytes on a new loopback connection and reads the response (its body
// by Content-Length, else until the server closes). For requests that no HTTP client library
// would send: broken framing, header floods, NUL bytes.
RawReply RawHttp(int port, const std::string& request,
                 std::chrono::seconds timeout = std::chrono::seconds(20));

// A connection that sends a request one byte at a time and never finishes it (slowloris).
class SlowClient {
 public:
  explicit SlowClient(int port);
  ~SlowClient();
  SlowClient(const SlowClient&) = delete;
  SlowClient& operator=(const SlowClient&) = delete;
  // Sends the next byte of an endless header block; false once the server has closed.
  bool Drip();
  // Waits up to `timeout` for the server to close the connection.
  bool ClosedByServerWithin(std::chrono::seconds timeout);

 private:
  int fd_ = -1;
  size_t sent_ = 0;
};

}  // namespace casql::testing
