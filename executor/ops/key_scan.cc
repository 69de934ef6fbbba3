#include "executor/ops/document_reader.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// Yields the keys of USE KEYS or of a `META().id = / IN` predicate. The key expression is
// evaluated on the first Next(), against the seed row: the outer row when this scan is the
// inner side of a nested-loop join.
class KeyScanExec final : public ExecOperator {
 public:
  KeyScanExec(ExecContext& ctx, EvaluatorPtr keys, SeedPtr seed)
      : ExecOperator(ctx), keys_expr_(std::move(keys)), seed_(std::move(seed)) {}

  Result<bool> Next(Row* row) override {
    if (!started_) {
      started_ = true;
      keys_ = KeyList(keys_expr_->Eval(seed_ ? *seed_ : Row(), ctx_));
    }
    if (next_ >= keys_.size()) return false;
    *row = Row();
    row->key = std::move(keys_[next_++]);
    return true;
  }

 private:
  EvaluatorPtr keys_expr_;
  SeedPtr seed_;
  bool started_ = false;
  std::vector<std::string> keys_;
  size_t next_ = 0;
};

}  // namespace

Result<ExecOperatorPtr> MakeKeyScan(const plan::KeyScan& op, const CompileScope& scope,
                                    SeedPtr seed, ExecContext& ctx) {
  auto eval = CompileInScope(op.keys, scope);
  if (!eval.ok()) return eval.status();
  return ExecOperatorPtr(
      std::make_unique<KeyScanExec>(ctx, std::move(eval.value()), std::move(seed)));
}

}  // namespace casql::exec
