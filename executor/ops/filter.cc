#include "executor/expr/evaluator.h"
#include "executor/expr/truth.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

class FilterExec final : public UnaryExecOperator {
 public:
  FilterExec(ExecContext& ctx, ExecOperatorPtr in, EvaluatorPtr condition)
      : UnaryExecOperator(ctx, std::move(in)), condition_(std::move(condition)) {}

  Result<bool> Next(Row* row) override {
    while (true) {
      auto more = input_->Next(row);
      if (!more.ok() || !*more) return more;
      if (Truthy(condition_->Eval(*row, ctx_))) return true;
    }
  }

 private:
  EvaluatorPtr condition_;
};

}  // namespace

Result<ExecOperatorPtr> MakeFilter(const plan::Filter& op, const CompileScope& scope,
                                   ExecContext& ctx, ExecOperatorPtr in) {
  auto condition = CompileInScope(op.condition, scope);
  if (!condition.ok()) return condition.status();
  return ExecOperatorPtr(
      std::make_unique<FilterExec>(ctx, std::move(in), std::move(condition.value())));
}

}  // namespace casql::exec
