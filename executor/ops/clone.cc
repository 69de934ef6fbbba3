#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// The clone shares the document's nodes; Set/Unset copy only the paths they change.
class CloneExec final : public UnaryExecOperator {
 public:
  CloneExec(ExecContext& ctx, ExecOperatorPtr in, size_t slot)
      : UnaryExecOperator(ctx, std::move(in)), slot_(slot) {}
  Result<bool> Next(Row* row) override {
    auto more = input_->Next(row);
    if (more.ok() && *more) row->clone = row->Var(slot_);
    return more;
  }

 private:
  size_t slot_;
};

}  // namespace

Result<ExecOperatorPtr> MakeClone(size_t slot, ExecContext& ctx, ExecOperatorPtr in) {
  return ExecOperatorPtr(std::make_unique<CloneExec>(ctx, std::move(in), slot));
}

}  // namespace casql::exec
