#include "http/request_registry.h"

#include <algorithm>
#include <ctime>

#include "http/go_duration.h"

namespace casql::http {

namespace {

int64_t NowSecond() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string FormatRequestTime(std::chrono::system_clock::time_point t) {
  const auto since_epoch = t.time_since_epoch();
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - secs);
  const std::time_t tt = static_cast<std::time_t>(secs.count());
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char date[32];
  std::strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &tm);
  char out[64];
  snprintf(out, sizeof(out), "%s.%09lld +0000 UTC", date, static_cast<long long>(nanos.count()));
  return out;
}

RequestRegistry::RequestRegistry(size_t max_active, size_t completed_limit,
                                 size_t completed_statement_bytes)
    : max_active_(max_active),
      completed_limit_(completed_limit),
      completed_statement_bytes_(completed_statement_bytes) {
  latencies_ns_.reserve(kLatencySamples);
}

Result<uint64_t> RequestRegistry::Begin(Started started) {
  std::lock_guard<std::mutex> lock(mu_);
  if (max_active_ > 0 && active_.size() >= max_active_) {
    return Status(ErrorCode::kTooManyRequests,
                  FormatError(ErrorCode::kTooManyRequests, {std::to_string(max_active_)}));
  }
  const uint64_t handle = next_handle_++;
  Entry entry;
  entry.started = std::move(started);
  entry.request_time = std::chrono::system_clock::now();
  entry.began = std::chrono::steady_clock::now();
  active_.emplace(handle, std::move(entry));
  return handle;
}

void RequestRegistry::Finish(uint64_t handle, const Finished& finished) {
  const int64_t second = NowSecond();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = active_.find(handle);
  if (it == active_.end()) return;
  Entry entry = std::move(it->second);
  active_.erase(it);
  entry.finished = finished;
  completed_bytes_ += entry.started.statement.size();
  completed_.push_back(std::move(entry));
  // The newest request always stays listed, however long its statement.
  while (completed_.size() > 1 &&
         (completed_.size() > completed_limit_ || completed_bytes_ > completed_statement_bytes_)) {
    completed_bytes_ -= completed_.front().started.statement.size();
    completed_.pop_front();
  }
  ++completed_count_;
  const size_t slot = static_cast<size_t>(second) % kRateSeconds;
  if (second_of_slot_[slot] != second) {
    second_of_slot_[slot] = second;
    per_second_[slot] = 0;
  }
  ++per_second_[slot];
  if (latencies_ns_.size() < kLatencySamples) {
    latencies_ns_.push_back(finished.elapsed.count());
  } else {
    latencies_ns_[latency_next_] = finished.elapsed.count();
    latency_next_ = (latency_next_ + 1) % kLatencySamples;
  }
}

Value RequestRegistry::ToJson(const Entry& e) {
  Object o;
  o.Set("requestId", Value(e.started.request_id));
  if (e.started.client_context_id) o.Set("clientContextID", Value(*e.started.client_context_id));
  o.Set("statement", Value(e.started.statement));
  o.Set("requestTime", Value(FormatRequestTime(e.request_time)));
  if (e.finished) {
    const Finished& f = *e.finished;
    o.Set("state", Value(f.state == "success" || f.state == "errors" ? "completed" : f.state));
    o.Set("elapsedTime", Value(FormatGoDuration(f.elapsed)));
    o.Set("serviceTime", Value(FormatGoDuration(f.execution)));
    o.Set("resultCount", Value(static_cast<int64_t>(f.result_count)));
    o.Set("resultSize", Value(static_cast<int64_t>(f.result_size)));
    o.Set("errorCount", Value(static_cast<int64_t>(f.error_count)));
    o.Set("mutations", Value(static_cast<int64_t>(f.mutation_count)));
  } else {
    o.Set("state", Value("running"));
    o.Set("elapsedTime", Value(FormatGoDuration(std::chrono::steady_clock::now() - e.began)));
  }
  if (!e.started.users.empty()) o.Set("users", Value(e.started.users));
  return Value(std::move(o));
}

Value RequestRegistry::Active() const {
  std::lock_guard<std::mutex> lock(mu_);
  Array out;
  for (const auto& [handle, entry] : active_) out.push_back(ToJson(entry));
  return Value(std::move(out));
}

Value RequestRegistry::Completed() const {
  std::lock_guard<std::mutex> lock(mu_);
  Array out;
  for (const Entry& entry : completed_) out.push_back(ToJson(entry));
  return Value(std::move(out));
}

RequestRegistry::Stats RequestRegistry::GetStats() const {
  const int64_t now = NowSecond();
  Stats s;
  std::vector<int64_t> latencies;
  {
    std::lock_guard<std::mutex> lock(mu_);
    s.completed = completed_count_;
    s.active = active_.size();
    uint64_t last1 = 0, last5 = 0, last15 = 0;
    for (size_t slot = 0; slot < kRateSeconds; ++slot) {
      const int64_t age = now - second_of_slot_[slot];
      if (per_second_[slot] == 0 || age < 0 || age >= static_cast<int64_t>(kRateSeconds)) {
        continue;
      }
      if (age < 60) last1 += per_second_[slot];
      if (age < 300) last5 += per_second_[slot];
      last15 += per_second_[slot];
    }
    s.per_sec_1min = last1 / 60.0;
    s.per_sec_5min = last5 / 300.0;
    s.per_sec_15min = last15 / 900.0;
    latencies = latencies_ns_;
  }
  if (latencies.empty()) return s;
  std::sort(latencies.begin(), latencies.end());
  auto at = [&latencies](double q) {
    const size_t i = std::min(latencies.size() - 1, static_cast<size_t>(q * latencies.size()));
    return std::chrono::nanoseconds(latencies[i]);
  };
  int64_t sum = 0;
  for (int64_t l : latencies) sum += l;
  s.mean = std::chrono::nanoseconds(sum / static_cast<int64_t>(latencies.size()));
  s.median = at(0.5);
  s.p80 = at(0.8);
  s.p95 = at(0.95);
  s.p99 = at(0.99);
  return s;
}

}  // namespace casql::http
