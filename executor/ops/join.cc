#include "executor/ops/document_reader.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// Lookup JOIN ... ON KEYS: one output row per document found under the keys the ON KEYS
// expression yields for the row (a string or an array of strings).
class JoinExec final : public UnaryExecOperator {
 public:
  JoinExec(ExecContext& ctx, ExecOperatorPtr in, EvaluatorPtr keys, DocumentReader reader,
           size_t slot, bool outer)
      : UnaryExecOperator(ctx, std::move(in)),
        keys_(std::move(keys)),
        reader_(std::move(reader)),
        slot_(slot),
        outer_(outer) {}

  Result<bool> Next(Row* row) override {
    while (true) {
      while (next_ < pending_.size()) {
        auto doc = reader_.Read(pending_[next_++]);
        if (!doc.ok()) return doc.status();
        if (!doc->found) continue;
        *row = current_;
        reader_.Bind(std::move(doc.value()), slot_, row);
        matched_ = true;
        return true;
      }
      if (started_ && !matched_ && outer_) {
        matched_ = true;
        *row = std::move(current_);
        row->Bind(slot_, Value());
        return true;
      }
      auto more = input_->Next(&current_);
      if (!more.ok() || !*more) return more;
      started_ = true;
      matched_ = false;
      pending_ = KeyList(keys_->Eval(current_, ctx_));
      next_ = 0;
    }
  }

 private:
  EvaluatorPtr keys_;
  DocumentReader reader_;
  size_t slot_;
  bool outer_;
  Row current_;
  std::vector<std::string> pending_;
  size_t next_ = 0;
  bool started_ = false;
  bool matched_ = false;
};

}  // namespace

Result<ExecOperatorPtr> MakeJoin(const plan::Join& op, CompileScope* scope, ExecContext& ctx,
                                 ExecOperatorPtr in) {
  auto keys = CompileInScope(op.on_keys, *scope);
  if (!keys.ok()) return keys.status();
  auto reader = DocumentReader::Open(op.keyspace, ctx);
  if (!reader.ok()) return reader.status();
  const size_t slot = BindKeyspaceAlias(scope, op.alias);
  return ExecOperatorPtr(std::make_unique<JoinExec>(ctx, std::move(in), std::move(keys.value()),
                                                    std::move(reader.value()), slot, op.outer));
}

}  // namespace casql::exec
