#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>

#include "http/guarded_http_server.h"

namespace casql::http {

// A buffered httplib::Stream over one accepted socket that watches the request head as
// httplib's parser consumes it (request line, headers, blank line) and enforces
// ConnectionLimits. When the head breaks a limit the stream ends it early (it feeds the parser
// a blank line), so that the request reaches the pre-routing handler, which answers it with
// violation(); after a timeout in the body, reads fail.
//
// Thread safety: one connection, one thread.
class GuardedStream final : public httplib::Stream {
 public:
  enum class Violation { kNone, kHeadTooLarge, kTooManyHeaders, kHeadTimeout };

  GuardedStream(socket_t sock, const ConnectionLimits& limits,
                std::chrono::microseconds read_timeout, std::chrono::microseconds write_timeout);

  // Waits until the next request's first byte can be read; false when the client closed, sent
  // nothing within `idle`, or `stop` became true (polled, so shutdown is prompt).
  bool WaitForRequest(std::chrono::seconds idle, const std::atomic<socket_t>& listener);
  // Starts the clock and byte count of a new request head.
  void BeginRequest();
  Violation violation() const { return violation_; }
  // Bytes of the current request handed to the parser (head and body).
  size_t request_bytes() const { return request_bytes_; }
  // The connection is closed after the current response (its body was not read).
  void CloseAfterResponse() { close_after_response_ = true; }
  bool close_after_response() const { return close_after_response_; }

  // The stream of the request the calling thread is reading, or null.
  static GuardedStream* Current();
  static void SetCurrent(GuardedStream* stream);

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return sock_; }

 private:
  // Reads more bytes from the socket into the buffer, waiting at most until the current
  // deadline; false on timeout, close or error.
  bool Fill();
  // Accounts bytes handed to the parser while the head is being read.
  void ScanHead(const char* data, size_t n);
  std::chrono::steady_clock::time_point Deadline() const;

  socket_t sock_;
  ConnectionLimits limits_;
  std::chrono::microseconds read_timeout_, write_timeout_;
  std::string buffer_;
  size_t buffer_pos_ = 0;
  // Head tracking of the current request.
  bool in_head_ = false;
  std::chrono::steady_clock::time_point head_start_, head_end_;
  size_t head_bytes_ = 0, head_lines_ = 0, line_bytes_ = 0, request_bytes_ = 0;
  char last_ = 0;
  Violation violation_ = Violation::kNone;
  bool close_after_response_ = false;
  // The blank line fed to the parser after a violation, and how much of it is left.
  size_t terminator_left_ = 0;
};

}  // namespace casql::http
