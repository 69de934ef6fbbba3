#include "executor/expr/truth.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// ANSI NEST as a nested loop: the right documents satisfying ON for an outer row are bound
// to the alias as one array. None drops the row, or with LEFT keeps it with the alias
// MISSING.
class NestedLoopNestExec final : public UnaryExecOperator {
 public:
  NestedLoopNestExec(ExecContext& ctx, ExecOperatorPtr in, InnerFactory inner, EvaluatorPtr on,
                     size_t slot, bool outer)
      : UnaryExecOperator(ctx, std::move(in)),
        make_inner_(std::move(inner)),
        on_(std::move(on)),
        slot_(slot),
        outer_(outer) {}

  Result<bool> Next(Row* row) override {
    while (true) {
      auto more = input_->Next(row);
      if (!more.ok() || !*more) return more;
      auto inner = make_inner_(*row);
      if (!inner.ok()) return inner.status();
      Array docs;
      Row candidate;
      while (true) {
        auto got = inner.value()->Next(&candidate);
        if (!got.ok()) return got.status();
        if (!*got) break;
        if (Truthy(on_->Eval(candidate, ctx_))) docs.push_back(candidate.Var(slot_));
      }
      if (docs.empty() && !outer_) continue;
      row->Bind(slot_, docs.empty() ? Value() : Value(std::move(docs)));
      return true;
    }
  }

 private:
  InnerFactory make_inner_;
  EvaluatorPtr on_;
  size_t slot_;
  bool outer_;
};

}  // namespace

Result<ExecOperatorPtr> MakeNestedLoopNest(const plan::NestedLoopNest& op,
                                           const CompileScope& scope, InnerFactory inner,
                                           ExecContext& ctx, ExecOperatorPtr in) {
  auto on = CompileInScope(op.on_clause, scope);
  if (!on.ok()) return on.status();
  return ExecOperatorPtr(std::make_unique<NestedLoopNestExec>(
      ctx, std::move(in), std::move(inner), std::move(on.value()),
      static_cast<size_t>(scope.Find(op.alias)), op.outer));
}

}  // namespace casql::exec
