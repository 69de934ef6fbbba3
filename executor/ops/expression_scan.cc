#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// One row per element of the FROM expression's array value, or one row holding a non-array
// value itself; MISSING yields no row. The expression is evaluated on the first Next(),
// against the seed row (WITH bindings).
class ExpressionScanExec final : public ExecOperator {
 public:
  ExpressionScanExec(ExecContext& ctx, EvaluatorPtr expr, size_t slot, SeedPtr seed)
      : ExecOperator(ctx), expr_(std::move(expr)), slot_(slot), seed_(std::move(seed)) {}

  Result<bool> Next(Row* row) override {
    if (!started_) {
      started_ = true;
      Value v = expr_->Eval(seed_ ? *seed_ : Row(), ctx_);
      if (v.IsArray()) {
        values_ = v.AsArray();
      } else if (!v.IsMissing()) {
        values_.push_back(std::move(v));
      }
    }
    if (next_ >= values_.size()) return false;
    *row = Row();
    row->Bind(slot_, std::move(values_[next_++]));
    return true;
  }

 private:
  EvaluatorPtr expr_;
  size_t slot_;
  SeedPtr seed_;
  bool started_ = false;
  Array values_;
  size_t next_ = 0;
};

}  // namespace

Result<ExecOperatorPtr> MakeExpressionScan(const plan::ExpressionScan& op, CompileScope* scope,
                                           SeedPtr seed, ExecContext& ctx) {
  auto expr = CompileInScope(op.expr, *scope);
  if (!expr.ok()) return expr.status();
  const size_t slot = scope->Add(op.alias, /*keyspace=*/true);
  return ExecOperatorPtr(
      std::make_unique<ExpressionScanExec>(ctx, std::move(expr.value()), slot, std::move(seed)));
}

}  // namespace casql::exec
