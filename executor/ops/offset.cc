#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

class OffsetExec final : public UnaryExecOperator {
 public:
  OffsetExec(ExecContext& ctx, ExecOperatorPtr in, int64_t offset)
      : UnaryExecOperator(ctx, std::move(in)), to_skip_(offset) {}
  Result<bool> Next(Row* row) override {
    for (; to_skip_ > 0; --to_skip_) {
      auto more = input_->Next(row);
      if (!more.ok() || !*more) return more;
    }
    return input_->Next(row);
  }

 private:
  int64_t to_skip_;
};

}  // namespace

Result<ExecOperatorPtr> MakeOffset(const plan::Offset& op, ExecContext& ctx, ExecOperatorPtr in) {
  auto offset = EvalCount(op.expr, "OFFSET", ctx);
  if (!offset.ok()) return offset.status();
  return ExecOperatorPtr(std::make_unique<OffsetExec>(ctx, std::move(in), *offset));
}

}  // namespace casql::exec
