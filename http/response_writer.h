#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "value/status.h"
#include "value/value.h"

namespace casql::http {

// Writes one /query/service response document in Couchbase's field order — requestID,
// clientContextID, prepared, signature, results, errors, warnings, status, metrics — as a stream:
// every piece goes to `out` as soon as it is known, so rows are never all held at once.
// A response for a request that failed before execution has no signature and no results.
class ResponseWriter {
 public:
  using Output = std::function<bool(std::string_view)>;

  ResponseWriter(Output out, bool pretty) : out_(std::move(out)), pretty_(pretty) {}

  void Begin(const std::string& request_id, const std::string* client_context_id);
  // The name of the statement an auto_execute request prepared (between clientContextID and
  // signature, as Couchbase places it).
  void Prepared(const std::string& name);
  void Signature(const Value& signature);
  void BeginResults();
  // Returns false when the client is gone.
  bool Row(const Value& row);
  void EndResults();
  void Errors(const std::vector<Error>& errors);
  struct Metrics {
    std::chrono::nanoseconds elapsed{0};
    std::chrono::nanoseconds execution{0};
    uint64_t mutation_count = 0;
    uint64_t sort_count = 0;
    uint64_t error_count = 0;
    uint64_t warning_count = 0;
  };
  // Writes status and (unless omitted) metrics, and closes the document.
  void End(const std::string& status, const Metrics* metrics);

  uint64_t result_count() const { return result_count_; }
  uint64_t result_size() const { return result_size_; }
  bool client_gone() const { return client_gone_; }

 private:
  void Field(std::string_view name);
  bool Emit(std::string_view text);

  Output out_;
  bool pretty_;
  bool first_field_ = true;
  bool first_row_ = true;
  bool client_gone_ = false;
  uint64_t result_count_ = 0;
  uint64_t result_size_ = 0;
  std::string scratch_;
};

// The JSON object of one error as Couchbase writes it: code, column/line (syntax errors),
// msg, reason, retry; keys in alphabetical order.
Value ErrorObject(const Error& error);

}  // namespace casql::http
