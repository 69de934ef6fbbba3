#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// Gives every row a source produces the names bound outside its pipeline: WITH bindings, or
// the outer row of a nested-loop join's inner side. Slots the source bound itself win.
class SeedExec final : public UnaryExecOperator {
 public:
  SeedExec(ExecContext& ctx, ExecOperatorPtr in, SeedPtr seed)
      : UnaryExecOperator(ctx, std::move(in)), seed_(std::move(seed)) {}

  Result<bool> Next(Row* row) override {
    auto more = input_->Next(row);
    if (!more.ok() || !*more) return more;
    const Row& seed = *seed_;
    for (size_t slot = 0; slot < seed.vars.size(); ++slot) {
      if (row->Var(slot).IsMissing()) row->Bind(slot, seed.vars[slot]);
    }
    for (size_t slot = 0; slot < seed.metas.size(); ++slot) {
      if (!row->Meta(slot) && seed.metas[slot]) row->BindMeta(slot, seed.metas[slot]);
    }
    return true;
  }

 private:
  SeedPtr seed_;
};

}  // namespace

ExecOperatorPtr MakeSeed(SeedPtr seed, ExecContext& ctx, ExecOperatorPtr in) {
  return std::make_unique<SeedExec>(ctx, std::move(in), std::move(seed));
}

}  // namespace casql::exec
