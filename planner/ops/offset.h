#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Skips the first `expr` rows.
class Offset final : public Operator {
 public:
  explicit Offset(ast::ExprPtr expr_in) : Operator(OpKind::kOffset), expr(std::move(expr_in)) {}
  const char* Name() const override { return "Offset"; }

  ast::ExprPtr expr;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
