#include "executor/ops/group_spec.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// Binds each group's aggregate results to their slots and drops the aggregators. An aggregate query
// without GROUP BY yields one row even over no input (COUNT 0, SUM NULL, ...).
class FinalGroupExec final : public UnaryExecOperator {
 public:
  FinalGroupExec(ExecContext& ctx, ExecOperatorPtr in, GroupSpec spec, SeedPtr seed)
      : UnaryExecOperator(ctx, std::move(in)), spec_(std::move(spec)), seed_(std::move(seed)) {}

  Result<bool> Next(Row* row) override {
    if (done_) return false;
    auto more = input_->Next(row);
    if (!more.ok()) return more;
    if (!*more) {
      done_ = true;
      if (produced_ || !spec_.keys.empty()) return false;
      *row = seed_ ? *seed_ : Row();
      row->partials = spec_.NewPartials();
    }
    produced_ = true;
    for (size_t i = 0; i < spec_.aggregates.size(); ++i) {
      row->Bind(spec_.slots[i], row->partials[i]->Result());
    }
    row->partials.clear();
    return true;
  }

 private:
  GroupSpec spec_;
  SeedPtr seed_;
  bool produced_ = false;
  bool done_ = false;
};

}  // namespace

Result<ExecOperatorPtr> MakeFinalGroup(const plan::FinalGroup& op, CompileScope* scope,
                                       SeedPtr seed, ExecContext& ctx, ExecOperatorPtr in) {
  auto spec = CompileGroup(op.keys, op.aggregates, scope);
  if (!spec.ok()) return spec.status();
  return ExecOperatorPtr(std::make_unique<FinalGroupExec>(
      ctx, std::move(in), std::move(spec.value()), std::move(seed)));
}

}  // namespace casql::exec
