#include "http/guarded_http_server.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "http/guarded_stream.h"
#include "http/query_service.h"
#include "http/server.h"

namespace casql::http {

namespace {

std::string FatalBody(const Status& error) {
  std::string body;
  QueryService::WriteFatal(error, std::nullopt, false, std::chrono::steady_clock::now(),
                           [&body](std::string_view s) {
                             body.append(s);
                             return true;
                           });
  return body;
}

// 400 or 413 for a Content-Length httplib must not act on; 0 when it is fine.
int CheckContentLength(const httplib::Request& req, size_t max_body) {
  if (!req.has_header("Content-Length")) return 0;
  const std::string text = req.get_header_value("Content-Length");
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return 400;
  // More digits than any size_t has is over every limit.
  if (text.size() > 19) return 413;
  return std::stoull(text) > max_body ? 413 : 0;
}

// The answer to a request whose head broke a limit: status and error document.
httplib::Server::HandlerResponse AnswerViolation(const ConnectionLimits& limits, size_t max_body,
                                                 const httplib::Request& req,
                                                 httplib::Response& res) {
  GuardedStream* stream = GuardedStream::Current();
  if (!stream) return httplib::Server::HandlerResponse::Unhandled;
  if (stream->violation() == GuardedStream::Violation::kNone) {
    const int length_status = CheckContentLength(req, max_body);
    if (length_status == 0) return httplib::Server::HandlerResponse::Unhandled;
    stream->CloseAfterResponse();
    res.status = length_status;
    res.set_header("Connection", "close");
    if (length_status == 400) {
      res.set_content(FatalBody(Status(ErrorCode::kRequestBody,
                                       FormatError(ErrorCode::kRequestBody, {"the request"}) +
                                           ": Content-Length is not a decimal number of bytes")),
                      QueryContentType().c_str());
    }
    return httplib::Server::HandlerResponse::Handled;
  }
  Status error;
  switch (stream->violation()) {
    case GuardedStream::Violation::kHeadTooLarge:
      res.status = 431;
      error = Status(ErrorCode::kRequestBody,
                     FormatError(ErrorCode::kRequestBody, {"the request headers"}) +
                         ": they are larger than the limit of " +
                         std::to_string(limits.max_head_bytes) + " bytes");
      break;
    case GuardedStream::Violation::kTooManyHeaders:
      res.status = 431;
      error = Status(ErrorCode::kRequestBody,
                     FormatError(ErrorCode::kRequestBody, {"the request headers"}) +
                         ": more than " + std::to_string(limits.max_headers) + " headers");
      break;
    case GuardedStream::Violation::kHeadTimeout:
    case GuardedStream::Violation::kNone:
      res.status = 408;
      error = Status(
          ErrorCode::kTimeout,
          FormatError(ErrorCode::kTimeout, {std::to_string(limits.head_timeout.count()) + "ms"}) +
              " waiting for the request headers");
      break;
  }
  res.set_content(FatalBody(error), QueryContentType().c_str());
  res.set_header("Connection", "close");
  return httplib::Server::HandlerResponse::Handled;
}

// Closes a connection whose request was answered before its body (or the rest of its head)
// was read. Closing with unread input makes the kernel send a reset, which can destroy the
// answer before the client reads it; so stop sending, then read and drop what the client
// still sends, for a short while.
void LingeringClose(socket_t sock) {
  ::shutdown(sock, SHUT_WR);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  char sink[16 << 10];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{sock, POLLIN, 0};
    if (poll(&p, 1, 100) < 0) break;
    if ((p.revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
    if (recv(sock, sink, sizeof(sink), 0) <= 0) break;
  }
}

// A request this large may have grown its thread's malloc arena (see MemoryTrimmer).
constexpr size_t kTrimAfterBytes = 64 << 10;

}  // namespace

GuardedHttpServer::GuardedHttpServer(ConnectionLimits limits) : limits_(limits) {
  set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    return AnswerViolation(limits_, payload_max_length_, req, res);
  });
}

bool GuardedHttpServer::WidenListenBacklog(int backlog) {
  // listen() on a listening socket only changes its backlog.
  return svr_sock_ != INVALID_SOCKET && ::listen(svr_sock_, backlog) == 0;
}

bool GuardedHttpServer::process_and_close_socket(socket_t sock) {
  GuardedStream stream(
      sock, limits_,
      std::chrono::seconds(read_timeout_sec_) + std::chrono::microseconds(read_timeout_usec_),
      std::chrono::seconds(write_timeout_sec_) + std::chrono::microseconds(write_timeout_usec_));
  GuardedStream::SetCurrent(&stream);
  bool ok = false;
  for (size_t left = keep_alive_max_count_; left > 0; --left) {
    if (!stream.WaitForRequest(std::chrono::seconds(keep_alive_timeout_sec_), svr_sock_)) break;
    stream.BeginRequest();
    bool closed = false;
    ok = process_request(stream, left == 1, closed, nullptr);
    if (stream.request_bytes() > kTrimAfterBytes) trimmer_.NoteLargeRequest();
    // Any close after an answer may leave the client still sending a body nobody read (a 413
    // answered from Content-Length alone): linger so the answer is not lost to a reset.
    if (!ok || closed || stream.violation() != GuardedStream::Violation::kNone ||
        stream.close_after_response()) {
      LingeringClose(sock);
      break;
    }
  }
  GuardedStream::SetCurrent(nullptr);
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

}  // namespace casql::http
