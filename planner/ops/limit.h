#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Passes at most `expr` rows, then stops its input.
class Limit final : public Operator {
 public:
  explicit Limit(ast::ExprPtr expr_in) : Operator(OpKind::kLimit), expr(std::move(expr_in)) {}
  const char* Name() const override { return "Limit"; }

  ast::ExprPtr expr;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
