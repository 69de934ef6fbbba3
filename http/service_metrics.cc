#include "http/service_metrics.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace casql::http {

namespace {

// A Prometheus label value: backslash, double quote and newline escaped.
std::string Label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string Number(double v) {
  char buf[64];
  snprintf(buf, sizeof(buf), "%.9g", v);
  return buf;
}

}  // namespace

uint64_t ResidentMemoryBytes() {
  std::ifstream statm("/proc/self/statm");
  uint64_t size = 0, resident = 0;
  if (!(statm >> size >> resident)) return 0;
  return resident * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

ServiceMetrics::ServiceMetrics() : started_(std::chrono::steady_clock::now()) {}

void ServiceMetrics::RecordRequest(const std::string& status, std::chrono::nanoseconds elapsed) {
  const double seconds = std::chrono::duration<double>(elapsed).count();
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_by_status_[status];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++bucket_counts_[i];
  }
  ++latency_count_;
  latency_sum_seconds_ += seconds;
}

void ServiceMetrics::RecordKvOp(const std::string& keyspace, const std::string& op,
                                const std::string& status, uint64_t count) {
  std::lock_guard<std::mutex> lock(mu_);
  kv_ops_[{keyspace, op, status}] += count;
}

void ServiceMetrics::RecordConflict(const std::string& keyspace, const std::string& source) {
  std::lock_guard<std::mutex> lock(mu_);
  ++conflicts_[{keyspace, source}];
}

std::string ServiceMetrics::Render(uint64_t active_requests) const {
  std::ostringstream out;
  std::lock_guard<std::mutex> lock(mu_);
  out << "# HELP casql_query_requests_total Finished /query/service requests by final status.\n"
      << "# TYPE casql_query_requests_total counter\n";
  for (const auto& [status, n] : requests_by_status_) {
    out << "casql_query_requests_total{status=\"" << Label(status) << "\"} " << n << "\n";
  }
  out << "# HELP casql_query_request_duration_seconds Elapsed time of /query/service requests.\n"
      << "# TYPE casql_query_request_duration_seconds histogram\n";
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    out << "casql_query_request_duration_seconds_bucket{le=\"" << Number(kBuckets[i]) << "\"} "
        << bucket_counts_[i] << "\n";
  }
  out << "casql_query_request_duration_seconds_bucket{le=\"+Inf\"} " << latency_count_ << "\n"
      << "casql_query_request_duration_seconds_sum " << Number(latency_sum_seconds_) << "\n"
      << "casql_query_request_duration_seconds_count " << latency_count_ << "\n";
  out << "# HELP casql_query_active_requests Requests executing now.\n"
      << "# TYPE casql_query_active_requests gauge\n"
      << "casql_query_active_requests " << active_requests << "\n";
  out << "# HELP casql_kv_ops_total KV operations by keyspace, operation and kv_engine status.\n"
      << "# TYPE casql_kv_ops_total counter\n";
  for (const auto& [key, n] : kv_ops_) {
    const auto& [keyspace, op, status] = key;
    out << "casql_kv_ops_total{keyspace=\"" << Label(keyspace) << "\",op=\"" << Label(op)
        << "\",status=\"" << Label(status) << "\"} " << n << "\n";
  }
  out << "# HELP casql_cas_conflicts_total Writes that lost a CAS race, by keyspace.\n"
      << "# TYPE casql_cas_conflicts_total counter\n";
  for (const auto& [key, n] : conflicts_) {
    out << "casql_cas_conflicts_total{keyspace=\"" << Label(key.first) << "\",source=\""
        << Label(key.second) << "\"} " << n << "\n";
  }
  out << "# HELP casql_process_resident_memory_bytes Resident memory of the server process.\n"
      << "# TYPE casql_process_resident_memory_bytes gauge\n"
      << "casql_process_resident_memory_bytes " << ResidentMemoryBytes() << "\n"
      << "# HELP casql_uptime_seconds Time since the server started.\n"
      << "# TYPE casql_uptime_seconds gauge\n"
      << "casql_uptime_seconds "
      << Number(std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count())
      << "\n";
  return out.str();
}

}  // namespace casql::http
