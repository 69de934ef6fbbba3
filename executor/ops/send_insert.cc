#include <set>

#include "executor/datastore.h"
#include "executor/dml_errors.h"
#include "executor/dml_options.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// INSERT is KV ADD (an existing key is that document's 12009 with cause 17012); UPSERT is KV
// SET without CAS (last writer wins). OPTIONS {"expiration": n} sets the document's expiry.
class SendInsertExec final : public UnaryExecOperator {
 public:
  SendInsertExec(ExecContext& ctx, ExecOperatorPtr in, std::shared_ptr<kv::Collection> collection,
                 std::string keyspace_name, bool upsert, size_t slot)
      : UnaryExecOperator(ctx, std::move(in)),
        collection_(std::move(collection)),
        keyspace_name_(std::move(keyspace_name)),
        upsert_(upsert),
        slot_(slot) {}

  // INSERT ... SELECT: the (KEY, VALUE, OPTIONS) evaluated over each SELECT result row.
  void SetTuple(size_t source_slot, EvaluatorPtr key, EvaluatorPtr value, EvaluatorPtr options) {
    source_slot_ = source_slot;
    key_ = std::move(key);
    value_ = std::move(value);
    options_ = std::move(options);
  }

  Result<bool> Next(Row* row) override {
    while (true) {
      auto more = input_->Next(row);
      if (!more.ok() || !*more) return more;
      if (key_ && !EvalTuple(row)) continue;
      if (Write(row)) return true;
    }
  }

 private:
  bool EvalTuple(Row* row) {
    row->Bind(source_slot_, row->result);
    const Value key = key_->Eval(*row, ctx_);
    Value value = value_->Eval(*row, ctx_);
    if (auto error = CheckInsertTuple(key, value, upsert_)) {
      ctx_.AddError(std::move(*error));
      return false;
    }
    row->key = key.AsString();
    row->clone = std::move(value);
    row->options = options_ ? options_->Eval(*row, ctx_) : Value();
    return true;
  }

  bool Write(Row* row) {
    // One UPSERT statement may not write a key twice: which value should win is ambiguous.
    if (upsert_ && !written_keys_.insert(row->key).second) {
      ctx_.AddError(Error{static_cast<int>(ErrorCode::kUpsertDuplicateKey),
                          FormatError(ErrorCode::kUpsertDuplicateKey, {}),
                          Value(),
                          {}});
      return false;
    }
    kv::MutationOptions options = RequestMutationOptions(ctx_.settings());
    if (auto expiry = ExpirationOption(row->options)) options.expiry = *expiry;
    const uint32_t opaque = ctx_.NextOpaque();
    auto doc = kv::MakeJsonDoc(row->clone);
    auto written = upsert_ ? collection_->Upsert(row->key, doc, options)
                           : collection_->Insert(row->key, doc, options);
    if (!written.ok()) {
      ctx_.AddError(
          MakeDmlError(DmlFailure{upsert_ ? "UPSERT" : "INSERT", upsert_ ? "SET" : "ADD", row->key,
                                  keyspace_name_, written.status().code(), opaque, 0, 0}));
      return false;
    }
    ctx_.AddMutation();
    auto meta = std::make_shared<DocMeta>();
    meta->id = row->key;
    meta->cas = written->cas;
    meta->keyspace = keyspace_name_;
    row->BindMeta(slot_, std::move(meta));
    row->Bind(slot_, std::move(row->clone));
    return true;
  }

  std::shared_ptr<kv::Collection> collection_;
  std::string keyspace_name_;
  bool upsert_;
  size_t slot_;
  std::set<std::string> written_keys_;
  size_t source_slot_ = 0;
  EvaluatorPtr key_, value_, options_;
};

}  // namespace

Result<ExecOperatorPtr> MakeSendInsert(const plan::SendInsert& op, size_t slot,
                                       const CompileScope& scope, size_t source_slot,
                                       ExecContext& ctx, ExecOperatorPtr in) {
  auto collection = ctx.datastore().Collection(op.keyspace);
  if (!collection.ok()) return collection.status();
  auto send = std::make_unique<SendInsertExec>(ctx, std::move(in), collection.value(),
                                               op.keyspace.FullName(), op.upsert, slot);
  if (op.key) {
    std::vector<EvaluatorPtr> tuple;
    for (const auto& expr : {op.key, op.value, op.options}) {
      if (!expr) {
        tuple.emplace_back();
        continue;
      }
      auto compiled = Compile(expr, scope);
      if (!compiled.ok()) return compiled.status();
      tuple.push_back(std::move(compiled.value()));
    }
    send->SetTuple(source_slot, std::move(tuple[0]), std::move(tuple[1]), std::move(tuple[2]));
  }
  return ExecOperatorPtr(std::move(send));
}

}  // namespace casql::exec
