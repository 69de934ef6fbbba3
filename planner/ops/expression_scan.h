#pragma once

#include "planner/operator.h"

namespace casql::plan {

// The source of an expression in FROM: one row per array element (or one row for a
// non-array value), bound to the alias.
class ExpressionScan final : public Operator {
 public:
  ExpressionScan(ast::ExprPtr expr_in, std::string alias_in)
      : Operator(OpKind::kExpressionScan), expr(std::move(expr_in)), alias(std::move(alias_in)) {}
  const char* Name() const override { return "ExpressionScan"; }

  ast::ExprPtr expr;
  std::string alias;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
