#include "http/query_service.h"

#include <random>

#include "executor/executor.h"
#include "http/status_mapping.h"
#include "parser/parser.h"
#include "planner/planner.h"

namespace casql::http {

std::string NewRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const uint64_t a = rng(), b = rng();
  char buf[37];
  snprintf(buf, sizeof(buf), "%08x-%04x-4%03x-%04x-%012llx", static_cast<uint32_t>(a >> 32),
           static_cast<uint32_t>((a >> 16) & 0xffff), static_cast<uint32_t>(a & 0xfff),
           static_cast<uint32_t>(0x8000 | ((b >> 48) & 0x3fff)),
           static_cast<unsigned long long>(b & 0xffffffffffffull));
  return buf;
}

namespace {

// The statement text EXPLAIN reports: what follows the EXPLAIN keyword.
std::string TextAfterExplain(const std::string& statement) {
  size_t i = statement.find_first_not_of(" \t\r\n");
  if (i == std::string::npos) return "";
  i += 7;  // "EXPLAIN"
  i = statement.find_first_not_of(" \t\r\n", i);
  return i == std::string::npos ? "" : statement.substr(i);
}

class WriterSink final : public exec::RowSink {
 public:
  explicit WriterSink(ResponseWriter& writer) : writer_(writer) {}
  bool Write(const Value& row) override { return writer_.Row(row); }

 private:
  ResponseWriter& writer_;
};

}  // namespace

Result<plan::PlanPtr> QueryService::PlanStatement(const QueryRequest& request) {
  const uint64_t version = datastore_->catalog_version();
  if (auto cached = plan_cache_.Find(request.query_context, request.statement, version)) {
    return cached;
  }
  auto statement = ParseStatement(request.statement);
  if (!statement.ok()) return statement.status();
  plan::PlanContext context{datastore_, request.query_context};
  auto plan = plan::BuildPlan(statement.value(), context);
  if (!plan.ok()) return plan.status();
  if (std::holds_alternative<ast::SelectStatement>(statement.value()->body)) {
    plan_cache_.Insert(request.query_context, request.statement, version, plan.value());
  }
  return plan;
}

QueryService::Execution QueryService::Prepare(QueryRequest request,
                                              std::chrono::steady_clock::time_point received) {
  Execution ex;
  ex.received_ = received;
  ex.request_id_ = NewRequestId();
  ex.request_ = std::move(request);
  auto fail = [&ex](Status s) {
    ex.http_status_ = HttpStatusForError(s.code(), true);
    ex.failure_ = std::move(s);
    return std::move(ex);
  };
  if (!ex.request_.prepared.empty()) {
    return fail(Status(ErrorCode::kNoSuchPrepared,
                       FormatError(ErrorCode::kNoSuchPrepared, {ex.request_.prepared})));
  }
  auto plan = PlanStatement(ex.request_);
  if (!plan.ok()) return fail(plan.status());
  if (plan.value()->is_mutation && ex.request_.readonly) {
    return fail(Status(ErrorCode::kReadonly, FormatError(ErrorCode::kReadonly, {})));
  }
  ex.plan_ = plan.value();

  const QueryRequest& req = ex.request_;
  exec::ExecSettings settings;
  settings.durability = req.durability;
  settings.kv_timeout = req.kv_timeout;
  settings.preserve_expiry = req.preserve_expiry;
  settings.cas_retries = req.cas_retries;
  settings.inject_cas_conflict = req.inject_cas_conflict;
  ex.ctx_ = std::make_unique<exec::ExecContext>(datastore_, settings);
  ex.ctx_->named_args = req.named_args;
  ex.ctx_->positional_args = req.positional_args;
  const std::string explain_text = ex.plan_->is_explain ? TextAfterExplain(req.statement) : "";
  auto runnable = exec::Prepare(*ex.plan_, explain_text, *ex.ctx_);
  if (!runnable.ok()) return fail(runnable.status());
  ex.runnable_ = std::move(runnable.value());
  return ex;
}

QueryService::Outcome QueryService::WriteFatal(const Status& error,
                                               const std::optional<std::string>& context_id,
                                               bool pretty,
                                               std::chrono::steady_clock::time_point received,
                                               const ResponseWriter::Output& out) {
  ResponseWriter writer(out, pretty);
  writer.Begin(NewRequestId(), context_id ? &*context_id : nullptr);
  writer.Errors({error.error()});
  ResponseWriter::Metrics metrics;
  metrics.elapsed = std::chrono::steady_clock::now() - received;
  metrics.error_count = 1;
  writer.End("fatal", &metrics);
  return Outcome{HttpStatusForError(error.code(), true), "fatal"};
}

QueryService::Outcome QueryService::Execution::Stream(const ResponseWriter::Output& out) {
  const QueryRequest& req = request_;
  ResponseWriter writer(out, req.pretty);
  writer.Begin(request_id_, req.client_context_id ? &*req.client_context_id : nullptr);
  ResponseWriter::Metrics metrics;
  if (!failure_.ok()) {
    writer.Errors({failure_.error()});
    metrics.elapsed = std::chrono::steady_clock::now() - received_;
    metrics.error_count = 1;
    writer.End("fatal", req.metrics ? &metrics : nullptr);
    return Outcome{http_status_, "fatal"};
  }
  if (req.signature) writer.Signature(plan_->signature);

  const auto started = std::chrono::steady_clock::now();
  writer.BeginResults();
  WriterSink sink(writer);
  Status status = runnable_->Run(sink);
  writer.EndResults();

  exec::ExecContext& ctx = *ctx_;
  std::vector<Error> errors = ctx.TakeErrors();
  if (!status.ok()) errors.push_back(status.error());
  writer.Errors(errors);
  const auto finished = std::chrono::steady_clock::now();
  metrics.elapsed = finished - received_;
  metrics.execution = finished - started;
  metrics.mutation_count = ctx.mutation_count();
  metrics.error_count = errors.size();
  const std::string state = !status.ok() ? "fatal" : (errors.empty() ? "success" : "errors");
  writer.End(state, req.metrics ? &metrics : nullptr);
  return Outcome{http_status_, state};
}

}  // namespace casql::http
