#include "executor/ops/grouping_exec.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// Feeds each group's aggregators with its rows' argument values; a group's row is its first
// input row carrying the aggregators in `partials`.
class InitialGroupExec final : public GroupingExec {
 public:
  InitialGroupExec(ExecContext& ctx, ExecOperatorPtr in, GroupSpec spec)
      : GroupingExec(ctx, std::move(in), std::move(spec)) {}

 private:
  Row NewGroup(Row& row) override {
    Row group = row;
    group.partials = spec_.NewPartials();
    Fold(group, row);
    return group;
  }

  void Fold(Row& group, Row& row) override {
    for (size_t i = 0; i < spec_.aggregates.size(); ++i) {
      const auto& agg = spec_.aggregates[i];
      // COUNT(*) counts rows: any non-NULL value stands for one.
      group.partials[i]->Add(agg.arg ? agg.arg->Eval(row, ctx_) : Value(true));
    }
  }
};

}  // namespace

Result<ExecOperatorPtr> MakeInitialGroup(const plan::InitialGroup& op, CompileScope* scope,
                                         ExecContext& ctx, ExecOperatorPtr in) {
  auto spec = CompileGroup(op.keys, op.aggregates, scope);
  if (!spec.ok()) return spec.status();
  return ExecOperatorPtr(
      std::make_unique<InitialGroupExec>(ctx, std::move(in), std::move(spec.value())));
}

}  // namespace casql::exec
