#include "http/request_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "http/go_duration.h"
#include "value/json.h"

namespace casql::http {

namespace {

// "2026-01-02T03:04:05.678Z": UTC, so lines from machines in different zones sort together.
std::string IsoTime(std::chrono::system_clock::time_point t) {
  const auto since_epoch = t.time_since_epoch();
  const std::time_t seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buf[96];  // room for any int the format could print, which the compiler checks
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis));
  return buf;
}

// The first `limit` bytes of `text`, shortened further so as not to end inside a UTF-8
// character (AppendJsonString would have to replace half a character).
std::string_view Truncate(std::string_view text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace

Result<std::unique_ptr<RequestLog>> RequestLog::Open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status(ErrorCode::kInternal,
                  "cannot open the request log " + path + ": " + std::strerror(errno));
  }
  return std::unique_ptr<RequestLog>(new RequestLog(fd, true));
}

std::unique_ptr<RequestLog> RequestLog::Stderr() {
  return std::unique_ptr<RequestLog>(new RequestLog(STDERR_FILENO, false));
}

RequestLog::~RequestLog() {
  if (owned_) ::close(fd_);
}

std::string RequestLog::FormatLine(const Entry& entry, std::chrono::system_clock::time_point now) {
  std::string line = "{\"time\":";
  AppendJsonString(IsoTime(now), &line);
  line += ",\"requestID\":";
  AppendJsonString(entry.request_id, &line);
  if (entry.client_context_id && entry.client_context_id->has_value()) {
    line += ",\"clientContextID\":";
    AppendJsonString(**entry.client_context_id, &line);
  }
  if (!entry.users.empty()) {
    line += ",\"users\":";
    AppendJsonString(entry.users, &line);
  }
  line += ",\"httpStatus\":" + std::to_string(entry.http_status);
  line += ",\"status\":";
  AppendJsonString(entry.status, &line);
  line += ",\"elapsedTime\":";
  AppendJsonString(FormatGoDuration(entry.elapsed), &line);
  line += ",\"resultCount\":" + std::to_string(entry.result_count);
  line += ",\"errors\":[";
  for (size_t i = 0; i < entry.error_codes.size(); ++i) {
    line += (i ? "," : "") + std::to_string(entry.error_codes[i]);
  }
  line += "],\"statement\":";
  const std::string_view statement = Truncate(entry.statement, kStatementLimit);
  AppendJsonString(statement, &line);
  if (statement.size() < entry.statement.size()) {
    line += ",\"statementBytes\":" + std::to_string(entry.statement.size());
  }
  line += "}\n";
  return line;
}

void RequestLog::Write(const Entry& entry) {
  const std::string line = FormatLine(entry, std::chrono::system_clock::now());
  std::lock_guard<std::mutex> lock(mu_);
  size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

}  // namespace casql::http
