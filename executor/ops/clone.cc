#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// The clone shares the document's nodes; Set/Unset copy only the paths they change.
class CloneExec final : public UnaryExecOperator {
 public:
  using UnaryExecOperator::UnaryExecOperator;
  Result<bool> Next(Row* row) override {
    auto more = input_->Next(row);
    if (more.ok() && *more) row->clone = row->self;
    return more;
  }
};

}  // namespace

Result<ExecOperatorPtr> MakeClone(ExecContext& ctx, ExecOperatorPtr in) {
  return ExecOperatorPtr(std::make_unique<CloneExec>(ctx, std::move(in)));
}

}  // namespace casql::exec
