#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "value/status.h"
#include "value/value.h"

namespace casql::http {

// The /query/service requests running now and the most recent finished ones, the admission
// limit on concurrent requests, and the rates and latencies /admin/vitals reports. This is
// the request registry behind /admin/active_requests and /admin/completed_requests; a
// system:active_requests keyspace can read the same lists through Active()/Completed().
//
// Unlike Couchbase, which keeps only requests slower than a threshold (1s by default), casql
// keeps every finished request, the last `completed_limit` of them, and no more of them than
// hold `completed_statement_bytes` (4 MiB) of statement text together: 4000 statements of 1 MiB
// each would otherwise pin 4 GiB.
//
// Thread safety: all methods may be called concurrently; one mutex guards the state and is
// held for constant work per request (listing copies the lists under it).
class RequestRegistry {
 public:
  // max_active 0: no limit.
  explicit RequestRegistry(size_t max_active, size_t completed_limit = 4000,
                           size_t completed_statement_bytes = 4 << 20);

  struct Started {
    std::string request_id;
    std::string statement;
    std::optional<std::string> client_context_id;
    std::string users;  // comma-separated authenticated user names, empty without auth
  };
  // Admits a request: its handle, or error 1191 (HTTP 429) when max_active are running.
  Result<uint64_t> Begin(Started started);

  struct Finished {
    std::string state;  // success, errors, fatal, timeout, closed
    std::chrono::nanoseconds elapsed{0};
    std::chrono::nanoseconds execution{0};
    uint64_t result_count = 0;
    uint64_t result_size = 0;
    uint64_t error_count = 0;
    uint64_t mutation_count = 0;
  };
  void Finish(uint64_t handle, const Finished& finished);

  // Arrays of request objects in Couchbase's system:active_requests /
  // system:completed_requests field names (requestId, clientContextID, statement, state,
  // requestTime, elapsedTime, ...), oldest first.
  Value Active() const;
  Value Completed() const;

  struct Stats {
    uint64_t completed = 0;
    uint64_t active = 0;
    double per_sec_1min = 0, per_sec_5min = 0, per_sec_15min = 0;
    // Over the most recent finished requests (up to kLatencySamples).
    std::chrono::nanoseconds mean{0}, median{0}, p80{0}, p95{0}, p99{0};
  };
  Stats GetStats() const;

  static constexpr size_t kLatencySamples = 1024;

 private:
  struct Entry {
    Started started;
    std::chrono::system_clock::time_point request_time;
    std::chrono::steady_clock::time_point began;
    std::optional<Finished> finished;
  };
  static Value ToJson(const Entry& entry);
  // Per-second completion counts for the last 15 minutes, indexed by second % size.
  static constexpr size_t kRateSeconds = 900;

  const size_t max_active_;
  const size_t completed_limit_;
  const size_t completed_statement_bytes_;
  mutable std::mutex mu_;
  uint64_t next_handle_ = 1;
  std::map<uint64_t, Entry> active_;
  std::deque<Entry> completed_;
  size_t completed_bytes_ = 0;  // statement bytes held by completed_
  uint64_t completed_count_ = 0;
  std::array<uint64_t, kRateSeconds> per_second_{};
  std::array<int64_t, kRateSeconds> second_of_slot_{};
  std::vector<int64_t> latencies_ns_;  // ring of kLatencySamples
  size_t latency_next_ = 0;
};

// Local time as Couchbase prints requestTime: "2024-01-02 03:04:05.678901234 +0000 UTC".
std::string FormatRequestTime(std::chrono::system_clock::time_point t);

}  // namespace casql::http
