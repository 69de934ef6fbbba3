// CASE: simple (CASE x WHEN v THEN r ...) compares with N1QL '=' (TRUE only); searched
// (CASE WHEN cond THEN r ...) takes the first truthy condition. No match and no ELSE: NULL.
#include "executor/expr/evaluator.h"
#include "executor/expr/truth.h"
#include "value/collation.h"

namespace casql::exec {

namespace {

class CaseEval final : public Evaluator {
 public:
  CaseEval(EvaluatorPtr operand, std::vector<EvaluatorPtr> when_then, EvaluatorPtr else_value)
      : operand_(std::move(operand)),
        when_then_(std::move(when_then)),
        else_(std::move(else_value)) {}

  Value Eval(const Row& row, ExecContext& ctx) const override {
    Value operand_scratch;
    const Value* operand = operand_ ? operand_->EvalRef(row, ctx, &operand_scratch) : nullptr;
    for (size_t i = 0; i + 1 < when_then_.size(); i += 2) {
      Value scratch;
      const Value& when = *when_then_[i]->EvalRef(row, ctx, &scratch);
      const bool hit = operand ? Equals(*operand, when).IsTrue() : Truthy(when);
      if (hit) return when_then_[i + 1]->Eval(row, ctx);
    }
    return else_ ? else_->Eval(row, ctx) : Value::Null();
  }

 private:
  EvaluatorPtr operand_;
  std::vector<EvaluatorPtr> when_then_;
  EvaluatorPtr else_;
};

}  // namespace

EvaluatorPtr MakeCase(EvaluatorPtr operand, std::vector<EvaluatorPtr> when_then,
                      EvaluatorPtr else_value) {
  return std::make_unique<CaseEval>(std::move(operand), std::move(when_then),
                                    std::move(else_value));
}

}  // namespace casql::exec
