#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// One row per element of the array `expr` yields; LEFT UNNEST keeps a row whose value is
// not a non-empty array, with the alias MISSING.
class UnnestExec final : public UnaryExecOperator {
 public:
  UnnestExec(ExecContext& ctx, ExecOperatorPtr in, EvaluatorPtr expr, size_t slot, bool outer)
      : UnaryExecOperator(ctx, std::move(in)), expr_(std::move(expr)), slot_(slot), outer_(outer) {}

  Result<bool> Next(Row* row) override {
    while (true) {
      if (next_ < elements_.size()) {
        *row = current_;
        row->Bind(slot_, elements_[next_++]);
        return true;
      }
      auto more = input_->Next(&current_);
      if (!more.ok() || !*more) return more;
      Value v = expr_->Eval(current_, ctx_);
      elements_ = v.IsArray() ? v.AsArray() : Array();
      next_ = 0;
      if (elements_.empty() && outer_) {
        *row = std::move(current_);
        row->Bind(slot_, Value());
        return true;
      }
    }
  }

 private:
  EvaluatorPtr expr_;
  size_t slot_;
  bool outer_;
  Row current_;
  Array elements_;
  size_t next_ = 0;
};

}  // namespace

Result<ExecOperatorPtr> MakeUnnest(const plan::Unnest& op, CompileScope* scope, ExecContext& ctx,
                                   ExecOperatorPtr in) {
  auto expr = CompileInScope(op.expr, *scope);
  if (!expr.ok()) return expr.status();
  const size_t slot = scope->Add(op.alias, /*keyspace=*/true);
  return ExecOperatorPtr(
      std::make_unique<UnnestExec>(ctx, std::move(in), std::move(expr.value()), slot, op.outer));
}

}  // namespace casql::exec
