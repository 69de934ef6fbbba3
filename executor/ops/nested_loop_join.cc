#include "executor/expr/truth.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// ANSI JOIN as a nested loop: for each outer row a fresh inner pipeline (scan of the right
// keyspace, keyed by the outer row when the plan says so, then Fetch) yields rows that
// already carry the outer row's names; those satisfying ON are produced.
class NestedLoopJoinExec final : public UnaryExecOperator {
 public:
  NestedLoopJoinExec(ExecContext& ctx, ExecOperatorPtr in, InnerFactory inner, EvaluatorPtr on,
                     size_t slot, bool outer)
      : UnaryExecOperator(ctx, std::move(in)),
        make_inner_(std::move(inner)),
        on_(std::move(on)),
        slot_(slot),
        outer_(outer) {}

  Result<bool> Next(Row* row) override {
    while (true) {
      if (inner_) {
        auto more = inner_->Next(row);
        if (!more.ok()) return more;
        if (*more) {
          if (!Truthy(on_->Eval(*row, ctx_))) continue;
          matched_ = true;
          return true;
        }
        inner_.reset();
        if (!matched_ && outer_) {
          *row = std::move(current_);
          row->Bind(slot_, Value());
          return true;
        }
      }
      auto more = input_->Next(&current_);
      if (!more.ok() || !*more) return more;
      auto inner = make_inner_(current_);
      if (!inner.ok()) return inner.status();
      inner_ = std::move(inner.value());
      matched_ = false;
    }
  }

 private:
  InnerFactory make_inner_;
  EvaluatorPtr on_;
  size_t slot_;
  bool outer_;
  Row current_;
  ExecOperatorPtr inner_;
  bool matched_ = false;
};

}  // namespace

Result<ExecOperatorPtr> MakeNestedLoopJoin(const plan::NestedLoopJoin& op,
                                           const CompileScope& scope, InnerFactory inner,
                                           ExecContext& ctx, ExecOperatorPtr in) {
  auto on = CompileInScope(op.on_clause, scope);
  if (!on.ok()) return on.status();
  return ExecOperatorPtr(std::make_unique<NestedLoopJoinExec>(
      ctx, std::move(in), std::move(inner), std::move(on.value()),
      static_cast<size_t>(scope.Find(op.alias)), op.outer));
}

}  // namespace casql::exec
