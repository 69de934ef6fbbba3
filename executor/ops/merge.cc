#include <set>

#include "executor/cas_write_back.h"
#include "executor/datastore.h"
#include "executor/dml_errors.h"
#include "executor/dml_options.h"
#include "executor/expr/truth.h"
#include "executor/ops/document_reader.h"
#include "executor/ops/ops.h"
#include "executor/ops/row_feed.h"
#include "planner/ops/clone.h"
#include "planner/ops/set.h"
#include "planner/ops/unset.h"
#include "value/json.h"

namespace casql::exec {

namespace {

struct MergeActions {
  EvaluatorPtr key;  // lookup form
  EvaluatorPtr on;   // ANSI form
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

// For each source row: finds the target document (lookup form: reads the document named by
// the key; ANSI form: the join has read it, or left it MISSING). When there is one, applies
// the UPDATE (written back with the CAS read, so a concurrent change is 12009 exactly as for
// UPDATE, and cas_retries re-reads, re-checks and re-applies) or the DELETE; when there is
// none, INSERTs (KV ADD: a concurrent insert is 12009 with cause 17012). A target document may
// be updated or deleted once per statement (5320) and inserted once (5330). Emits one row per
// mutation, the target bound, for RETURNING. LIMIT caps the number of mutations.
class MergeExec final : public UnaryExecOperator {
 public:
  MergeExec(ExecContext& ctx, ExecOperatorPtr in, std::shared_ptr<kv::Collection> collection,
            DocumentReader reader, std::string keyspace_name, size_t target_slot,
            MergeActions actions)
      : UnaryExecOperator(ctx, std::move(in)),
        collection_(collection),
        reader_(std::move(reader)),
        write_back_(ctx, std::move(collection), keyspace_name, target_slot),
        keyspace_name_(std::move(keyspace_name)),
        target_slot_(target_slot),
        a_(std::move(actions)) {}

  Result<bool> Next(Row* row) override {
    while (a_.limit < 0 || done_ < a_.limit) {
      auto more = input_->Next(row);
      if (!more.ok() || !*more) return more;
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
    if (a_.on) {
      if (!Matched(*row)) return Insert(row);
      row->key = row->Meta(target_slot_)->id;
      return InsertedHere(row->key) ? Insert(row) : Act(row);
    }
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
    auto found = Read(row);
    if (!found.ok()) return found;
    return *found && !InsertedHere(row->key) ? Act(row) : Insert(row);
  }

  // The statement matches against the target as it was before it ran: a document this
  // statement inserted is no match for a later source row, whose own INSERT of the key is then
  // refused (5330) rather than turned into an update of the new document.
  bool InsertedHere(const std::string& key) const { return inserted_.count(key) > 0; }

  // The outer join leaves the target MISSING, without META, for a source row that matched
  // nothing.
  bool Matched(const Row& row) const {
    return row.Meta(target_slot_) != nullptr && !row.Var(target_slot_).IsMissing();
  }

  Result<bool> Act(Row* row) {
    if (a_.update && Holds(a_.update_where, *row)) {
      if (!Claim(row->key)) return false;
      auto applied = ApplyUpdate(row);
      if (!applied.ok() || !*applied) return applied;
      return write_back_.WriteWithRetries(row, [this](Row* r) { return Reapply(r); });
    }
    if (a_.has_delete && Holds(a_.delete_where, *row)) {
      if (!Claim(row->key)) return false;
      return Delete(row);
    }
    return false;
  }

  // Reads the target document of row->key into the target slot; false when there is none.
  Result<bool> Read(Row* row) {
    auto doc = reader_.Read(row->key);
    if (!doc.ok()) return doc.status();
    if (!doc->found) return false;
    DocumentReader::Bind(std::move(doc.value()), target_slot_, row);
    return true;
  }

  // The CAS retry: the document as it is now must still match (ON, the action's WHERE) for
  // the update to be applied again; otherwise it is left alone.
  Result<bool> Reapply(Row* row) {
    auto found = Read(row);
    if (!found.ok() || !*found) return found;
    if (a_.on && !Holds(a_.on, *row)) return false;
    if (!Holds(a_.update_where, *row)) return false;
    return ApplyUpdate(row);
  }

  // Runs Clone, Set and Unset on the row: its clone becomes the new version.
  Result<bool> ApplyUpdate(Row* row) {
    a_.update_feed->Feed(*row);
    Row updated;
    auto got = a_.update->Next(&updated);
    if (!got.ok() || !*got) return got;
    *row = std::move(updated);
    return true;
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

  bool Delete(Row* row) {
    auto removed = collection_->Remove(row->key, RequestMutationOptions(ctx_.settings()));
    if (!removed.ok()) {
      if (removed.status().code() == kv::KvStatus::kKeyEnoent) return false;
      ctx_.AddError(MakeDeleteError(row->key, removed.status().code()));
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
    // Two source rows inserting one key: which should win is ambiguous.
    if (!inserted_.insert(key.AsString()).second) {
      ctx_.AddError(Error{static_cast<int>(ErrorCode::kMergeMultipleInserts),
                          FormatError(ErrorCode::kMergeMultipleInserts, {key.AsString()}),
                          Value(),
                          {}});
      return false;
    }
    kv::MutationOptions options = RequestMutationOptions(ctx_.settings());
    if (a_.insert_options) {
      if (auto expiry = ExpirationOption(a_.insert_options->Eval(*row, ctx_))) {
        options.expiry = *expiry;
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
  DocumentReader reader_;
  CasWriteBack write_back_;
  std::string keyspace_name_;
  size_t target_slot_;
  MergeActions a_;
  std::set<std::string> touched_;
  std::set<std::string> inserted_;
  int64_t done_ = 0;
};

Result<EvaluatorPtr> CompileOptional(const ast::ExprPtr& expr, const CompileScope& scope) {
  if (!expr) return EvaluatorPtr();
  return Compile(expr, scope);
}

}  // namespace

Result<ExecOperatorPtr> MakeMerge(const plan::Merge& op, const CompileScope& scope,
                                  size_t target_slot, ExecContext& ctx, ExecOperatorPtr in) {
  auto collection = ctx.datastore().Collection(op.keyspace);
  if (!collection.ok()) return collection.status();
  auto reader = DocumentReader::Open(op.keyspace, ctx);
  if (!reader.ok()) return reader.status();
  MergeActions a;
  std::vector<std::pair<const ast::ExprPtr*, EvaluatorPtr*>> exprs{
      {&op.key, &a.key},
      {&op.on, &a.on},
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
      std::make_unique<MergeExec>(ctx, std::move(in), collection.value(), std::move(reader.value()),
                                  op.keyspace.FullName(), target_slot, std::move(a)));
}

}  // namespace casql::exec
