#include "executor/ops/grouping_exec.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// Merges the partial aggregates of rows with equal group keys (InitialGroup's outputs from
// several producers).
class IntermediateGroupExec final : public GroupingExec {
 public:
  IntermediateGroupExec(ExecContext& ctx, ExecOperatorPtr in, GroupSpec spec)
      : GroupingExec(ctx, std::move(in), std::move(spec)) {}

 private:
  Row NewGroup(Row& row) override { return std::move(row); }

  void Fold(Row& group, Row& row) override {
    for (size_t i = 0; i < spec_.aggregates.size(); ++i) {
      group.partials[i]->Merge(*row.partials[i]);
    }
  }
};

}  // namespace

Result<ExecOperatorPtr> MakeIntermediateGroup(const plan::IntermediateGroup& op,
                                              CompileScope* scope, ExecContext& ctx,
                                              ExecOperatorPtr in) {
  auto spec = CompileGroup(op.keys, op.aggregates, scope);
  if (!spec.ok()) return spec.status();
  return ExecOperatorPtr(
      std::make_unique<IntermediateGroupExec>(ctx, std::move(in), std::move(spec.value())));
}

}  // namespace casql::exec
