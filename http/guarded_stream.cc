#include "http/guarded_stream.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

namespace casql::http {

namespace {

thread_local GuardedStream* current_stream = nullptr;

constexpr size_t kReadChunk = 16 << 10;

int PollMillis(std::chrono::steady_clock::duration d) {
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(d).count();
  return static_cast<int>(std::clamp<int64_t>(ms, 0, 1 << 30));
}

void AddressOf(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
    inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text));
    port = ntohs(in->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&addr);
    inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof(text));
    port = ntohs(in6->sin6_port);
  }
  ip = text;
}

}  // namespace

GuardedStream::GuardedStream(socket_t sock, const ConnectionLimits& limits,
                             std::chrono::microseconds read_timeout,
                             std::chrono::microseconds write_timeout)
    : sock_(sock), limits_(limits), read_timeout_(read_timeout), write_timeout_(write_timeout) {}

GuardedStream* GuardedStream::Current() {
  return current_stream;
}

void GuardedStream::SetCurrent(GuardedStream* stream) {
  current_stream = stream;
}

bool GuardedStream::WaitForRequest(std::chrono::seconds idle,
                                   const std::atomic<socket_t>& listener) {
  if (buffer_pos_ < buffer_.size()) return true;
  const auto deadline = std::chrono::steady_clock::now() + idle;
  while (listener != INVALID_SOCKET) {
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) return false;
    pollfd p{sock_, POLLIN, 0};
    const int ready = poll(&p, 1, std::min(100, PollMillis(left)));
    if (ready < 0 && errno != EINTR) return false;
    if (ready > 0) return (p.revents & POLLIN) != 0;
  }
  return false;
}

void GuardedStream::BeginRequest() {
  in_head_ = true;
  head_start_ = std::chrono::steady_clock::now();
  head_bytes_ = head_lines_ = line_bytes_ = request_bytes_ = 0;
  last_ = 0;
}

std::chrono::steady_clock::time_point GuardedStream::Deadline() const {
  if (in_head_) return head_start_ + limits_.head_timeout;
  if (head_end_ != std::chrono::steady_clock::time_point{}) {
    return head_end_ + limits_.body_timeout;
  }
  return std::chrono::steady_clock::time_point::max();
}

bool GuardedStream::Fill() {
  const auto now = std::chrono::steady_clock::now();
  const auto deadline = Deadline();
  if (now >= deadline) return false;
  const auto wait = std::min<std::chrono::steady_clock::duration>(read_timeout_, deadline - now);
  pollfd p{sock_, POLLIN, 0};
  int ready;
  do {
    ready = poll(&p, 1, PollMillis(wait));
  } while (ready < 0 && errno == EINTR);
  if (ready <= 0) return false;
  char chunk[kReadChunk];
  ssize_t n;
  do {
    n = recv(sock_, chunk, sizeof(chunk), 0);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return false;
  buffer_.erase(0, buffer_pos_);
  buffer_pos_ = 0;
  buffer_.append(chunk, static_cast<size_t>(n));
  return true;
}

void GuardedStream::ScanHead(const char* data, size_t n) {
  for (size_t i = 0; i < n && in_head_; ++i) {
    const char c = data[i];
    ++head_bytes_;
    ++line_bytes_;
    if (c == '\n') {
      // httplib ends the header block at the first line that is exactly CRLF.
      const bool blank = line_bytes_ == 2 && last_ == '\r';
      if (blank && head_lines_ > 0) {
        in_head_ = false;
        head_end_ = std::chrono::steady_clock::now();
      } else {
        ++head_lines_;
      }
      line_bytes_ = 0;
    }
    last_ = c;
  }
}

ssize_t GuardedStream::read(char* ptr, size_t size) {
  static constexpr char kBlankLines[] = "\r\n\r\n";
  if (terminator_left_ > 0) {
    const size_t n = std::min(size, terminator_left_);
    std::memcpy(ptr, kBlankLines + (4 - terminator_left_), n);
    terminator_left_ -= n;
    return static_cast<ssize_t>(n);
  }
  if (size == 0) return 0;
  if (violation_ != Violation::kNone) return -1;
  if (buffer_pos_ == buffer_.size() && !Fill()) {
    if (!in_head_ || std::chrono::steady_clock::now() < Deadline()) return -1;
    violation_ = Violation::kHeadTimeout;
  }
  if (in_head_ && violation_ == Violation::kNone) {
    // Hand the head over byte by byte (httplib reads it that way anyway) so that a limit is
    // caught at the exact byte that breaks it.
    const char c = buffer_[buffer_pos_];
    const bool too_large = head_bytes_ + 1 > limits_.max_head_bytes;
    // head_lines_ counts the request line too; the blank line ending the head is no header.
    const bool blank = c == '\n' && line_bytes_ == 1 && last_ == '\r';
    const bool too_many = c == '\n' && !blank && head_lines_ > limits_.max_headers;
    if (too_large || too_many) {
      violation_ = too_large ? Violation::kHeadTooLarge : Violation::kTooManyHeaders;
    } else {
      ScanHead(&c, 1);
      ++buffer_pos_;
      ++request_bytes_;
      *ptr = c;
      return 1;
    }
  }
  if (violation_ != Violation::kNone) {
    // End the current line (if one is open) and the header block.
    terminator_left_ = line_bytes_ > 0 ? 4 : 2;
    in_head_ = false;
    return read(ptr, size);
  }
  const size_t n = std::min(size, buffer_.size() - buffer_pos_);
  std::memcpy(ptr, buffer_.data() + buffer_pos_, n);
  buffer_pos_ += n;
  request_bytes_ += n;
  return static_cast<ssize_t>(n);
}

ssize_t GuardedStream::write(const char* ptr, size_t size) {
  pollfd p{sock_, POLLOUT, 0};
  int ready;
  do {
    ready = poll(&p, 1, PollMillis(write_timeout_));
  } while (ready < 0 && errno == EINTR);
  if (ready <= 0) return -1;
  ssize_t n;
  do {
    n = send(sock_, ptr, size, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  return n;
}

bool GuardedStream::is_readable() const {
  if (terminator_left_ > 0 || buffer_pos_ < buffer_.size()) return true;
  pollfd p{sock_, POLLIN, 0};
  return poll(&p, 1, PollMillis(read_timeout_)) > 0;
}

bool GuardedStream::is_writable() const {
  pollfd p{sock_, POLLOUT, 0};
  return poll(&p, 1, PollMillis(write_timeout_)) > 0;
}

void GuardedStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  if (getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    AddressOf(addr, ip, port);
  }
}

void GuardedStream::get_local_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  if (getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    AddressOf(addr, ip, port);
  }
}

}  // namespace casql::http
