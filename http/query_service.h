#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "executor/datastore.h"
#include "executor/exec_context.h"
#include "executor/executor.h"
#include "http/query_request.h"
#include "http/response_writer.h"
#include "planner/plan_cache.h"
#include "planner/planned_statement.h"

namespace casql::http {

// Runs /query/service requests: parse -> plan -> execute, answering in Couchbase's response
// format. Independent of the HTTP transport so the regression runner can call it in-process.
//
// Thread safety: Run may be called from many threads at once.
class QueryService {
 public:
  explicit QueryService(exec::Datastore* datastore) : datastore_(datastore) {}

  // What a finished request reports to the registry and metrics.
  struct Outcome {
    int http_status = 200;
    std::string request_id;
    std::string status;  // "success", "errors", "fatal", "timeout", "closed"
    std::vector<Error> errors;
    std::chrono::nanoseconds elapsed{0};
    std::chrono::nanoseconds execution{0};
    uint64_t result_count = 0;
    uint64_t result_size = 0;
    uint64_t mutation_count = 0;
    std::optional<plan::KeyspacePath> mutated;  // the keyspace a DML statement wrote
  };

  // Decides everything that can fail before execution (parse, plan, readonly) and returns
  // the HTTP status; `write` then streams the response document. The two steps are split
  // because the status line must be sent before the first byte of the body.
  class Execution {
   public:
    int http_status() const { return http_status_; }
    // Statements that send the client no rows (DDL, DML without RETURNING) are run before
    // the status line is sent, so an execution error such as 4300 still sets the HTTP
    // status, as in Couchbase where nothing has been flushed by then.
    bool streams_rows() const { return plan_ && !plan_->signature.IsNull(); }
    const std::string& request_id() const { return request_id_; }
    const QueryRequest& request() const { return request_; }
    // Streams the response to `out` (returns false when the client is gone); after
    // StreamPrefix paused, writes the rest.
    Outcome Stream(const ResponseWriter::Output& out);
    // Writes the response to `out` until it is complete (returns its outcome) or a row has
    // taken it past `limit` bytes (returns nullopt; Stream then writes the rest).
    std::optional<Outcome> StreamPrefix(const ResponseWriter::Output& out, size_t limit);

   private:
    friend class QueryService;
    // Where the response writer's output goes; on the heap so that it stays put when the
    // Execution is moved.
    struct Relay {
      const ResponseWriter::Output* out = nullptr;
      size_t written = 0;
      size_t limit = SIZE_MAX;
    };
    std::unique_ptr<Relay> relay_ = std::make_unique<Relay>();
    std::unique_ptr<ResponseWriter> writer_;  // from the first Stream/StreamPrefix on
    std::chrono::steady_clock::time_point started_;
    QueryRequest request_;
    std::chrono::steady_clock::time_point received_;
    std::string request_id_;
    plan::PlanPtr plan_;
    std::string auto_prepared_;  // the name an auto_execute PREPARE registered
    std::unique_ptr<exec::ExecContext> ctx_;
    std::unique_ptr<exec::Runnable> runnable_;
    Status failure_;
    int http_status_ = 200;
  };

  Execution Prepare(QueryRequest request, std::chrono::steady_clock::time_point received);

  // How many plans the cache holds (tests check what is kept).
  size_t cached_plans() const { return plan_cache_.size(); }

  // A request whose parameters could not be read: the fatal response for `error`.
  static Outcome WriteFatal(const Status& error, const std::optional<std::string>& context_id,
                            bool pretty, std::chrono::steady_clock::time_point received,
                            const ResponseWriter::Output& out);

 private:
  // Plans statement text (from the cache when it was planned before against the same catalog).
  Result<plan::PlanPtr> PlanStatement(const QueryRequest& request);

  exec::Datastore* datastore_;
  plan::PlanCache plan_cache_;
};

// A random (version 4) UUID, Couchbase's requestID form.
std::string NewRequestId();

}  // namespace casql::http
