#include <set>

#include "executor/datastore.h"
#include "executor/dml_errors.h"
#include "executor/expr/truth.h"
#include "executor/ops/ops.h"
#include "executor/ops/row_feed.h"
#include "planner/ops/clone.h"
#include "planner/ops/set.h"
#include "planner/ops/unset.h"
#include "value/json.h"

namespace casql::exec {

namespace {

struct MergeActions {
  EvaluatorPtr key;
  // WHEN MATCHED THEN UPDATE: Clone -> Set -> Unset behind a feed, and its WHERE.
  RowFeed* update_feed = nullptr;
  ExecOperatorPtr update;
  EvaluatorPtr update_where;
  bool has_delete = false;
  EvaluatorPtr delete_where;
  bool has_insert = false;
  EvaluatorPtr insert_key, insert_value, insert_options, insert_where;
  int64_t limit = -1;
};

// For each source row: reads the target document named by the key; when it exists, applies
// the UPDATE (written back with the CAS just read, so a concurrent change is 12009 exactly as
// for UPDATE; cas_retries re-reads and re-applies) or the DELETE; when it does not, INSERTs
// (KV ADD: a concurrent insert is 12009 with cause 17012). A target document may be updated or
// deleted once per statement (5320). Emits one row per mutation, the target bound, for
// RETURNING. LIMIT caps the number of mutations.
class MergeExec final : public UnaryExecOperator {
 public:
  MergeExec(ExecContext& ctx, ExecOperatorPtr in, std::shared_ptr<kv::Collection> collection,
            std::string keyspace_name, size_t source_slot, size_t target_slot, bool bind_result,
            MergeActions actions)
      : UnaryExecOperator(ctx, std::move(in)),
        collection_(std::move(collection)),
        keyspace_name_(std::move(keyspace_name)),
        source_slot_(source_slot),
        target_slot_(target_slot),
        bind_result_(bind_result),
        a_(std::move(actions)) {}

  Result<bool> Next(Row* row) override {
    while (a_.limit < 0 || done_ < a_.limit) {
      auto more = input_->Next(row);
      if (!more.ok() || !*more) return more;
      if (bind_result_) row->Bind(source_slot_, row->result);
      auto acted = Process(row);
      if (!acted.ok()) return acted.status();
      if (*acted) {
        ++done_;
        return true;
      }
    }
    return false;
  }

 private:
  Result<bool> Process(Row* row) {
    const Value key = a_.key->Eval(*row, ctx_);
    if (!key.IsString()) {
      ctx_.AddError(Error{static_cast<int>(ErrorCode::kEvaluation),
                          FormatError(ErrorCode::kEvaluation, {"MERGE key"}) +
                              ": the key must be a string, got " + ToJson(key),
                          Value(),
                          {}});
      return false;
    }
    row->key = key.AsString();
    for (int attempt = 0;; ++attempt) {
      auto current = collection_->Get(row->key);
      if (!current.ok()) {
        if (current.status().code() != kv::KvStatus::kKeyEnoent) {
          return Status(ErrorCode::kInternal,
                        "MERGE read of key " + row->key + " failed: " + current.status().message());
        }
        return Insert(row);
      }
      BindTarget(row, *current);
      if (a_.update && Holds(a_.update_where, *row)) {
        if (!Claim(row->key)) return false;
        const WriteOutcome outcome = Update(row, attempt >= ctx_.settings().cas_retries);
        if (outcome == WriteOutcome::kRetry) {
          touched_.erase(row->key);
          continue;
        }
        return outcome == WriteOutcome::kWritten;
      }
      if (a_.has_delete && Holds(a_.delete_where, *row)) {
        if (!Claim(row->key)) return false;
        return Delete(row);
      }
      return false;
    }
  }

  bool Holds(const EvaluatorPtr& condition, const Row& row) {
    return !condition || Truthy(condition->Eval(row, ctx_));
  }

  // A document may be the target of one UPDATE or DELETE per statement.
  bool Claim(const std::string& key) {
    if (touched_.insert(key).second) return true;
    ctx_.AddError(Error{static_cast<int>(ErrorCode::kMergeMultipleUpdates),
                        FormatError(ErrorCode::kMergeMultipleUpdates, {key}),
                        Value(),
                        {}});
    return false;
  }

  void BindTarget(Row* row, const kv::GetResult& got) {
    auto meta = std::make_shared<DocMeta>();
    meta->id = row->key;
    meta->cas = got.cas;
    meta->flags = got.flags;
    meta->expiration = got.expiry;
    meta->keyspace = keyspace_name_;
    meta->is_json = got.doc->is_json;
    row->Bind(target_slot_, got.doc->is_json ? got.doc->json : Value(got.doc->bytes));
    row->BindMeta(target_slot_, std::move(meta));
  }

  enum class WriteOutcome { kWritten, kRetry, kFailed };

  WriteOutcome Update(Row* row, bool last_attempt) {
    a_.update_feed->Feed(*row);
    Row updated;
    auto got = a_.update->Next(&updated);
    if (!got.ok() || !*got) return WriteOutcome::kFailed;
    const DocMeta& read = *updated.Meta(target_slot_);
    kv::MutationOptions options;
    options.cas = read.cas;
    options.flags = read.flags;
    options.durability = ctx_.settings().durability;
    options.timeout = ctx_.settings().kv_timeout;
    if (updated.expiration) {
      options.expiry = *updated.expiration;
    } else {
      options.preserve_expiry = ctx_.settings().preserve_expiry;
    }
    const uint32_t opaque = ctx_.NextOpaque();
    auto written = collection_->Replace(updated.key, kv::MakeJsonDoc(updated.clone), options);
    if (!written.ok()) {
      const kv::KvStatus status = written.status().code();
      if (status == kv::KvStatus::kKeyEexists && !last_attempt) return WriteOutcome::kRetry;
      DmlFailure failure{"UPDATE", "SET", updated.key, keyspace_name_, status, opaque, read.cas, 0};
      if (status == kv::KvStatus::kKeyEexists) {
        auto now = collection_->Get(updated.key);
        if (now.ok()) failure.actual_cas = now->cas;
      }
      ctx_.AddError(MakeDmlError(failure));
      return WriteOutcome::kFailed;
    }
    ctx_.AddMutation();
    auto meta = std::make_shared<DocMeta>(read);
    meta->cas = written->cas;
    updated.BindMeta(target_slot_, std::move(meta));
    updated.Bind(target_slot_, std::move(updated.clone));
    *row = std::move(updated);
    return WriteOutcome::kWritten;
  }

  bool Delete(Row* row) {
    kv::MutationOptions options;
    options.durability = ctx_.settings().durability;
    options.timeout = ctx_.settings().kv_timeout;
    auto removed = collection_->Remove(row->key, options);
    if (!removed.ok()) {
      if (removed.status().code() == kv::KvStatus::kKeyEnoent) return false;
      ctx_.AddError(MakeDmlError(DmlFailure{"DELETE", "DELETE", row->key, keyspace_name_,
                                            removed.status().code(), ctx_.NextOpaque(), 0, 0}));
      return false;
    }
    ctx_.AddMutation();
    return true;
  }

  bool Insert(Row* row) {
    if (!a_.has_insert || !Holds(a_.insert_where, *row)) return false;
    const Value key = a_.insert_key ? a_.insert_key->Eval(*row, ctx_) : Value(row->key);
    Value value = a_.insert_value->Eval(*row, ctx_);
    if (auto error = CheckInsertTuple(key, value, /*upsert=*/false)) {
      ctx_.AddError(std::move(*error));
      return false;
    }
    kv::MutationOptions options;
    options.durability = ctx_.settings().durability;
    options.timeout = ctx_.settings().kv_timeout;
    if (a_.insert_options) {
      const Value expiration = a_.insert_options->Eval(*row, ctx_).Field("expiration");
      if (expiration.IsNumber() && expiration.AsDouble() > 0) {
        options.expiry = static_cast<uint32_t>(expiration.AsDouble());
      }
    }
    const uint32_t opaque = ctx_.NextOpaque();
    auto written = collection_->Insert(key.AsString(), kv::MakeJsonDoc(value), options);
    if (!written.ok()) {
      ctx_.AddError(MakeDmlError(DmlFailure{"INSERT", "ADD", key.AsString(), keyspace_name_,
                                            written.status().code(), opaque, 0, 0}));
      return false;
    }
    ctx_.AddMutation();
    row->key = key.AsString();
    auto meta = std::make_shared<DocMeta>();
    meta->id = row->key;
    meta->cas = written->cas;
    meta->keyspace = keyspace_name_;
    row->BindMeta(target_slot_, std::move(meta));
    row->Bind(target_slot_, std::move(value));
    return true;
  }

  std::shared_ptr<kv::Collection> collection_;
  std::string keyspace_name_;
  size_t source_slot_, target_slot_;
  bool bind_result_;
  MergeActions a_;
  std::set<std::string> touched_;
  int64_t done_ = 0;
};

Result<EvaluatorPtr> CompileOptional(const ast::ExprPtr& expr, const CompileScope& scope) {
  if (!expr) return EvaluatorPtr();
  return Compile(expr, scope);
}

}  // namespace

Result<ExecOperatorPtr> MakeMerge(const plan::Merge& op, const CompileScope& scope,
                                  size_t source_slot, size_t target_slot, ExecContext& ctx,
                                  ExecOperatorPtr in) {
  auto collection = ctx.datastore().Collection(op.keyspace);
  if (!collection.ok()) return collection.status();
  MergeActions a;
  std::vector<std::pair<const ast::ExprPtr*, EvaluatorPtr*>> exprs{
      {&op.key, &a.key},
      {&op.update_where, &a.update_where},
      {&op.delete_where, &a.delete_where},
      {&op.insert_key, &a.insert_key},
      {&op.insert_value, &a.insert_value},
      {&op.insert_options, &a.insert_options},
      {&op.insert_where, &a.insert_where}};
  for (auto& [expr, out] : exprs) {
    auto compiled = CompileOptional(*expr, scope);
    if (!compiled.ok()) return compiled.status();
    *out = std::move(compiled.value());
  }
  if (op.has_update) {
    auto feed = std::make_unique<RowFeed>(ctx);
    a.update_feed = feed.get();
    auto pipeline = MakeClone(target_slot, ctx, std::move(feed));
    if (pipeline.ok() && !op.update_set.empty()) {
      pipeline =
          MakeSet(plan::Set(op.update_set), scope, target_slot, ctx, std::move(pipeline.value()));
    }
    if (pipeline.ok() && !op.update_unset.empty()) {
      pipeline = MakeUnset(plan::Unset(op.update_unset), scope, target_slot, ctx,
                           std::move(pipeline.value()));
    }
    if (!pipeline.ok()) return pipeline.status();
    a.update = std::move(pipeline.value());
  }
  a.has_delete = op.has_delete;
  a.has_insert = op.has_insert;
  if (op.limit) {
    auto limit = EvalCount(op.limit, "LIMIT", ctx);
    if (!limit.ok()) return limit.status();
    a.limit = *limit;
  }
  return ExecOperatorPtr(
      std::make_unique<MergeExec>(ctx, std::move(in), collection.value(), op.keyspace.FullName(),
                                  source_slot, target_slot, op.source_is_subquery, std::move(a)));
}

}  // namespace casql::exec
