#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace casql::http {

// Counters behind GET /metrics, rendered in Prometheus' text exposition format:
//   casql_query_requests_total{status}           finished /query/service requests
//   casql_query_request_duration_seconds         histogram of their elapsed time
//   casql_query_active_requests                  gauge
//   casql_kv_ops_total{keyspace,op,status}       KV REST operations by kv_engine status, plus
//                                                op="query_mutation" for documents written by
//                                                DML statements
//   casql_cas_conflicts_total{keyspace,source}   12009 errors in query responses
//                                                (source="query") and CAS mismatches (HTTP 412)
//                                                of the KV REST API (source="kv")
//   casql_process_resident_memory_bytes, casql_uptime_seconds
//
// Thread safety: all methods may be called concurrently (one mutex; updates are O(log n)).
class ServiceMetrics {
 public:
  ServiceMetrics();

  void RecordRequest(const std::string& status, std::chrono::nanoseconds elapsed);
  void RecordKvOp(const std::string& keyspace, const std::string& op, const std::string& status,
                  uint64_t count = 1);
  void RecordConflict(const std::string& keyspace, const std::string& source);

  std::string Render(uint64_t active_requests) const;

  // Upper bounds of the latency histogram's buckets, in seconds.
  static constexpr std::array<double, 14> kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

 private:
  const std::chrono::steady_clock::time_point started_;
  mutable std::mutex mu_;
  std::map<std::string, uint64_t> requests_by_status_;
  std::array<uint64_t, kBuckets.size()> bucket_counts_{};
  uint64_t latency_count_ = 0;
  double latency_sum_seconds_ = 0;
  std::map<std::tuple<std::string, std::string, std::string>, uint64_t> kv_ops_;
  std::map<std::pair<std::string, std::string>, uint64_t> conflicts_;
};

// Resident set size of this process in bytes (0 when /proc is unavailable).
uint64_t ResidentMemoryBytes();

}  // namespace casql::http
