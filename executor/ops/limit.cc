#include <cmath>
#include <limits>

#include "executor/expr/evaluator.h"
#include "executor/ops/ops.h"
#include "value/json.h"

namespace casql::exec {

Result<int64_t> EvalCount(const ast::ExprPtr& expr, const char* what, ExecContext& ctx) {
  auto eval = Compile(expr, CompileScope{});
  if (!eval.ok()) return eval.status();
  const Value v = eval.value()->Eval(Row(), ctx);
  if (!v.IsNumber() || v.AsDouble() < 0 || std::floor(v.AsDouble()) != v.AsDouble()) {
    return Status(ErrorCode::kEvaluation, FormatError(ErrorCode::kEvaluation, {what}) +
                                              ": expected a non-negative integer, got " +
                                              ToJson(v));
  }
  if (v.IsInt()) return v.AsInt();
  // Converting a double beyond int64 is undefined (x86 yields INT64_MIN, a negative LIMIT that
  // returned no rows); any count that large means "all of them".
  if (v.AsDouble() >= 9223372036854775807.0) return std::numeric_limits<int64_t>::max();
  return static_cast<int64_t>(v.AsDouble());
}

namespace {

// Passes at most `limit` rows and then stops pulling, so nothing upstream does more work.
class LimitExec final : public UnaryExecOperator {
 public:
  LimitExec(ExecContext& ctx, ExecOperatorPtr in, int64_t limit)
      : UnaryExecOperator(ctx, std::move(in)), remaining_(limit) {}
  Result<bool> Next(Row* row) override {
    if (remaining_ <= 0) return false;
    auto more = input_->Next(row);
    if (more.ok() && *more) --remaining_;
    return more;
  }

 private:
  int64_t remaining_;
};

}  // namespace

Result<ExecOperatorPtr> MakeLimit(const plan::Limit& op, ExecContext& ctx, ExecOperatorPtr in) {
  auto limit = EvalCount(op.expr, "LIMIT", ctx);
  if (!limit.ok()) return limit.status();
  return ExecOperatorPtr(std::make_unique<LimitExec>(ctx, std::move(in), *limit));
}

}  // namespace casql::exec
