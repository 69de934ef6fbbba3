#include "http/query_service.h"

#include <cassert>
#include <random>

#include "executor/executor.h"
#include "executor/prepared_statements.h"
#include "http/go_duration.h"
#include "http/statement_privileges.h"
#include "http/status_mapping.h"
#include "parser/parser.h"
#include "planner/planner.h"

namespace casql::http {

std::string NewRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const uint64_t a = rng(), b = rng();
  // xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx, y in 8..b; written by hand because snprintf's
  // format parsing shows in a point read's profile.
  std::string id(36, '-');
  auto hex = [&id](size_t at, uint64_t bits, int digits) {
    for (int i = digits - 1; i >= 0; --i, bits >>= 4) id[at + i] = "0123456789abcdef"[bits & 0xf];
  };
  hex(0, a >> 32, 8);
  hex(9, a >> 16, 4);
  hex(14, 0x4000 | (a & 0xfff), 4);
  hex(19, 0x8000 | ((b >> 48) & 0x3fff), 4);
  hex(24, b, 12);
  return id;
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

// Streams rows to the response and enforces the memory quota on the bytes they take
// (docs/http-api.md: what the quota counts); pauses execution once the response has passed
// `limit` bytes.
class WriterSink final : public exec::RowSink {
 public:
  WriterSink(ResponseWriter& writer, exec::ExecContext& ctx, uint64_t quota_bytes,
             const size_t& written, size_t limit)
      : writer_(writer), ctx_(ctx), quota_bytes_(quota_bytes), written_(written), limit_(limit) {}
  bool Write(const Value& row) override {
    const bool written = writer_.Row(row);
    if (quota_bytes_ > 0 && writer_.result_size() > quota_bytes_) {
      ctx_.Interrupt(Status(ErrorCode::kMemoryQuota, FormatError(ErrorCode::kMemoryQuota, {})));
    }
    return written && written_ < limit_;
  }

 private:
  ResponseWriter& writer_;
  exec::ExecContext& ctx_;
  const uint64_t quota_bytes_;
  const size_t& written_;
  const size_t limit_;
};

Status TimeoutError(std::chrono::nanoseconds timeout) {
  Error error;
  error.code = static_cast<int>(ErrorCode::kTimeout);
  error.message = FormatError(ErrorCode::kTimeout, {FormatGoDuration(timeout)});
  error.retry = true;
  return Status(std::move(error));
}

// Queries and DML repeat with parameters, so their plans are kept (DDL and EXPLAIN run once).
// Long texts are not kept: they carry their data as literals (a bulk INSERT ... VALUES) and
// would fill the cache with plans that are never asked for again.
bool Cacheable(const std::string& text, const ast::Statement& statement) {
  constexpr size_t kMaxCachedStatementBytes = 64 * 1024;
  if (text.size() > kMaxCachedStatementBytes) return false;
  return std::holds_alternative<ast::SelectStatement>(statement.body) ||
         std::holds_alternative<ast::InsertStatement>(statement.body) ||
         std::holds_alternative<ast::UpdateStatement>(statement.body) ||
         std::holds_alternative<ast::DeleteStatement>(statement.body) ||
         std::holds_alternative<ast::MergeStatement>(statement.body);
}

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
  if (Cacheable(request.statement, *statement.value())) {
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
  auto plan = ex.request_.prepared.empty()
                  ? PlanStatement(ex.request_)
                  : datastore_->prepareds().PlanFor(ex.request_.prepared, ex.request_.query_context,
                                                    *datastore_);
  if (!plan.ok()) return fail(plan.status());
  if (ex.request_.authorize) {
    Status allowed = Authorize(ex.request_.users, StatementPrivileges(*plan.value()));
    if (!allowed.ok()) return fail(allowed);
  }
  if (plan.value()->is_mutation && ex.request_.readonly) {
    return fail(Status(ErrorCode::kReadonly, FormatError(ErrorCode::kReadonly, {})));
  }
  ex.plan_ = plan.value();
  if (ex.request_.auto_execute && !ex.plan_->is_explain &&
      ex.plan_->root->kind() == plan::OpKind::kPrepare) {
    const auto& prepare = ex.plan_->root->As<plan::Prepare>();
    auto name = exec::RegisterPrepared(prepare, *datastore_);
    if (!name.ok()) return fail(name.status());
    ex.auto_prepared_ = name.value();
    ex.plan_ = prepare.prepared;
    if (ex.plan_->is_mutation && ex.request_.readonly) {
      return fail(Status(ErrorCode::kReadonly, FormatError(ErrorCode::kReadonly, {})));
    }
  }

  const QueryRequest& req = ex.request_;
  exec::ExecSettings settings;
  settings.durability = req.durability;
  settings.kv_timeout = req.kv_timeout;
  settings.preserve_expiry = req.preserve_expiry;
  settings.cas_retries = req.cas_retries;
  settings.max_parallelism = req.max_parallelism;
  settings.inject_cas_conflict = req.inject_cas_conflict;
  ex.ctx_ = std::make_unique<exec::ExecContext>(datastore_, settings);
  ex.ctx_->named_args = req.named_args;
  ex.ctx_->positional_args = req.positional_args;
  ex.ctx_->query_context = req.query_context;
  if (req.timeout) ex.ctx_->SetDeadline(received + *req.timeout, TimeoutError(*req.timeout));
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
  Outcome outcome;
  outcome.request_id = NewRequestId();
  writer.Begin(outcome.request_id, context_id ? &*context_id : nullptr);
  writer.Errors({error.error()});
  ResponseWriter::Metrics metrics;
  metrics.elapsed = std::chrono::steady_clock::now() - received;
  metrics.error_count = 1;
  writer.End("fatal", &metrics);
  outcome.http_status = HttpStatusForError(error.code(), true);
  outcome.status = "fatal";
  outcome.errors = {error.error()};
  outcome.elapsed = metrics.elapsed;
  return outcome;
}

QueryService::Outcome QueryService::Execution::Stream(const ResponseWriter::Output& out) {
  auto outcome = StreamPrefix(out, SIZE_MAX);
  assert(outcome.has_value());  // without a limit only the end of the rows stops execution
  return std::move(*outcome);
}

std::optional<QueryService::Outcome> QueryService::Execution::StreamPrefix(
    const ResponseWriter::Output& out, size_t limit) {
  relay_->out = &out;
  relay_->limit = limit;
  const QueryRequest& req = request_;
  ResponseWriter::Metrics metrics;
  Outcome outcome;
  outcome.http_status = http_status_;
  outcome.request_id = request_id_;
  if (!writer_) {
    writer_ = std::make_unique<ResponseWriter>(
        [relay = relay_.get()](std::string_view piece) {
          relay->written += piece.size();
          return (*relay->out)(piece);
        },
        req.pretty);
    writer_->Begin(request_id_, req.client_context_id ? &*req.client_context_id : nullptr);
    if (!failure_.ok()) {
      writer_->Errors({failure_.error()});
      metrics.elapsed = std::chrono::steady_clock::now() - received_;
      metrics.error_count = 1;
      writer_->End("fatal", req.metrics ? &metrics : nullptr);
      outcome.status = "fatal";
      outcome.errors = {failure_.error()};
      outcome.elapsed = metrics.elapsed;
      return outcome;
    }
    if (!auto_prepared_.empty()) writer_->Prepared(auto_prepared_);
    if (req.signature) writer_->Signature(plan_->signature);
    started_ = std::chrono::steady_clock::now();
    writer_->BeginResults();
  }
  ResponseWriter& writer = *writer_;
  WriterSink sink(writer, *ctx_, req.memory_quota_bytes, relay_->written, limit);
  Status status = runnable_->Run(sink);
  if (status.ok() && !runnable_->finished() && !writer.client_gone()) return std::nullopt;
  writer.EndResults();

  exec::ExecContext& ctx = *ctx_;
  std::vector<Error> errors = ctx.TakeErrors();
  if (!status.ok()) errors.push_back(status.error());
  writer.Errors(errors);
  const auto finished = std::chrono::steady_clock::now();
  metrics.elapsed = finished - received_;
  metrics.execution = finished - started_;
  metrics.mutation_count = ctx.mutation_count();
  metrics.error_count = errors.size();
  std::string state = errors.empty() ? "success" : "errors";
  if (!status.ok()) {
    state = status.code() == static_cast<int>(ErrorCode::kTimeout) ? "timeout" : "fatal";
  }
  if (writer.client_gone()) state = "closed";
  writer.End(state, req.metrics ? &metrics : nullptr);
  outcome.status = state;
  if (!errors.empty()) outcome.http_status = HttpStatusForError(errors.front().code, false);
  outcome.errors = std::move(errors);
  outcome.elapsed = metrics.elapsed;
  outcome.execution = metrics.execution;
  outcome.result_count = writer.result_count();
  outcome.result_size = writer.result_size();
  outcome.mutation_count = metrics.mutation_count;
  outcome.mutated = MutatedKeyspace(*plan_);
  return outcome;
}

}  // namespace casql::http
