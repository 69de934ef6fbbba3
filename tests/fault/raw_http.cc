#include "tests/fault/raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace casql::testing {

namespace {

int ConnectLoopback(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd);
    throw std::runtime_error("connect failed");
  }
  return fd;
}

// Reads until the response (head and Content-Length body) is complete, the peer closes, or
// the deadline passes.
std::string ReadResponse(int fd, std::chrono::steady_clock::time_point deadline) {
  std::string in;
  char buf[65536];
  while (true) {
    const size_t head_end = in.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      const size_t at = in.find("Content-Length: ");
      if (at != std::string::npos && at < head_end) {
        const size_t length = std::stoul(in.substr(at + 16));
        if (in.size() >= head_end + 4 + length) break;
      }
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    const ssize_t n = recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) break;
    in.append(buf, static_cast<size_t>(n));
  }
  return in;
}

}  // namespace

RawReply RawHttp(int port, const std::string& request, std::chrono::seconds timeout) {
  const int fd = ConnectLoopback(port);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  // The server may answer (e.g. 413, 431) and close before the whole request is written;
  // a failed send is then expected, and the answer is still in the receive buffer.
  size_t off = 0;
  while (off < request.size()) {
    const ssize_t n = send(fd, request.data() + off, request.size() - off, MSG_NOSIGNAL);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
  const std::string response = ReadResponse(fd, deadline);
  close(fd);
  RawReply reply;
  // "HTTP/1.1 400 Bad Request"
  if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) return reply;
  reply.status = std::stoi(response.substr(9, 3));
  const size_t head_end = response.find("\r\n\r\n");
  if (head_end != std::string::npos) reply.body = response.substr(head_end + 4);
  return reply;
}

SlowClient::SlowClient(int port) : fd_(ConnectLoopback(port)) {}

SlowClient::~SlowClient() {
  close(fd_);
}

bool SlowClient::Drip() {
  static const std::string kStart = "POST /query/service HTTP/1.1\r\nHost: x\r\n";
  const char c =
      sent_ < kStart.size() ? kStart[sent_] : "X-Slow: 1\r\n"[(sent_ - kStart.size()) % 11];
  ++sent_;
  return send(fd_, &c, 1, MSG_NOSIGNAL) == 1;
}

bool SlowClient::ClosedByServerWithin(std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buf[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    const ssize_t n = recv(fd_, buf, sizeof(buf), 0);
    if (n <= 0) return true;  // EOF or reset: the server gave up on us
  }
  return false;
}

}  // namespace casql::testing
