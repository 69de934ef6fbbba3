#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>

#include "http/memory_trimmer.h"

namespace casql::http {

// What one connection may cost the server before it is answered and closed. cpp-httplib 0.11.4
// only bounds each single read (a client that sends one byte per read timeout holds a pool
// thread forever: slowloris) and does not count headers (a header flood is read into memory
// without limit), so these are enforced by the stream GuardedHttpServer reads through.
struct ConnectionLimits {
  // From the first byte of a request until its blank line ending the headers.
  std::chrono::milliseconds head_timeout{10000};
  // From the end of the headers until the whole body is read (64 MiB at ~1 MiB/s).
  std::chrono::milliseconds body_timeout{60000};
  size_t max_head_bytes = 64 << 10;
  size_t max_headers = 100;
};

// An httplib::Server whose connections are read through a stream enforcing ConnectionLimits.
// A request over a head limit is answered 431 (too many or too large headers) or 408 (headers
// too slow) with a query-service error document and its connection is closed; a body that
// arrives too slowly fails the read and gets 400. A Content-Length that is not a decimal
// number is answered 400 and one over the payload limit 413 (with an empty body, for the error
// handler to fill in), before any of the body is read: httplib would otherwise try to read
// and discard it.
//
// Installs the pre-routing handler that writes those answers: callers must not replace it.
class GuardedHttpServer : public httplib::Server {
 public:
  explicit GuardedHttpServer(ConnectionLimits limits = {});

  // Call after binding: cpp-httplib 0.11.4 listens with a backlog of 5, so a burst of new
  // connections while the accept thread is not scheduled overflows the queue and the kernel
  // drops them (clients saw their requests fail after about a second under load).
  bool WidenListenBacklog(int backlog);

 private:
  // Replaces httplib's keep-alive loop so that every request is read through a GuardedStream.
  bool process_and_close_socket(socket_t sock) override;

  ConnectionLimits limits_;
  MemoryTrimmer trimmer_;
};

}  // namespace casql::http
