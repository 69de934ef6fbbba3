#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/auth.h"
#include "kvengine/kvengine.h"
#include "value/status.h"
#include "value/value.h"

namespace casql::http {

// One /query/service request after its parameters were read and checked.
struct QueryRequest {
  std::string statement;
  std::string prepared;
  // With a PREPARE statement: prepare it, then run the prepared statement in the same request.
  bool auto_execute = false;
  std::unordered_map<std::string, Value> named_args;  // without the $ or @
  std::vector<Value> positional_args;
  std::optional<std::string> client_context_id;
  std::string query_context;
  bool readonly = false;
  bool pretty = false;
  bool metrics = true;
  bool signature = true;
  std::optional<std::chrono::nanoseconds> timeout;
  std::string scan_consistency = "not_bounded";
  kv::Durability durability = kv::Durability::kNone;
  std::chrono::milliseconds kv_timeout{2500};
  bool preserve_expiry = false;
  int cas_retries = 0;
  // Threads one scan may be split between (capped at one per core); 0 or less: one per core.
  int max_parallelism = 0;
  // memory_quota (MiB in the request; 0 = none) in bytes: the most result bytes the statement
  // may produce before it fails with 5500.
  uint64_t memory_quota_bytes = 0;
  // `creds`: [{"user": ..., "pass": ...}], checked like HTTP Basic credentials.
  std::vector<std::pair<std::string, std::string>> creds;
  // Who runs the statement, when the server has users (`authorize`): the statement needs a
  // role held by one of them. Filled by the server after authentication.
  bool authorize = false;
  std::vector<const User*> users;
  // casql's conflict injection (only with `serve --fault-injection`): before the statement
  // writes any of these keys, a concurrent writer changes them, so its write fails with a
  // CAS mismatch deterministically.
  std::vector<std::string> inject_cas_conflict;
};

struct RequestContext {
  bool is_get = false;
  bool fault_injection = false;
};

// Reads the request parameters as Couchbase does (reference §1.2-1.3): a JSON object body
// when Content-Type starts with application/json, otherwise URL/form parameters (values are
// strings, JSON-valued ones hold JSON text) with the raw body as the statement when a POST
// names none. Names are case-insensitive; `$x`/`@x` are named arguments. Errors: 1050 (no
// statement), 1060 (duplicates), 1065 (unknown parameter), 1070 (wrong type), 1030 (bad
// value), 1090 (readonly=false with GET), 1110 (client_context_id).
Result<QueryRequest> ParseQueryRequest(std::string_view content_type, std::string_view body,
                                       const std::multimap<std::string, std::string>& url_params,
                                       const RequestContext& context);

}  // namespace casql::http
