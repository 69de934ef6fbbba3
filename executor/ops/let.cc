#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// Binds each LET (or LETTING) variable in turn, so a later binding may use an earlier one.
class LetExec final : public UnaryExecOperator {
 public:
  LetExec(ExecContext& ctx, ExecOperatorPtr in, std::vector<std::pair<size_t, EvaluatorPtr>> vars)
      : UnaryExecOperator(ctx, std::move(in)), vars_(std::move(vars)) {}

  Result<bool> Next(Row* row) override {
    auto more = input_->Next(row);
    if (!more.ok() || !*more) return more;
    for (const auto& [slot, expr] : vars_) row->Bind(slot, expr->Eval(*row, ctx_));
    return true;
  }

 private:
  std::vector<std::pair<size_t, EvaluatorPtr>> vars_;
};

}  // namespace

Result<ExecOperatorPtr> MakeLet(const plan::Let& op, CompileScope* scope, ExecContext& ctx,
                                ExecOperatorPtr in) {
  std::vector<std::pair<size_t, EvaluatorPtr>> vars;
  for (const auto& binding : op.bindings) {
    auto eval = CompileInScope(binding.expr, *scope);
    if (!eval.ok()) return eval.status();
    vars.emplace_back(scope->Add(binding.var), std::move(eval.value()));
  }
  return ExecOperatorPtr(std::make_unique<LetExec>(ctx, std::move(in), std::move(vars)));
}

}  // namespace casql::exec
