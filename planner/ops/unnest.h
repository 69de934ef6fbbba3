#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Produces one row per element of an array of the row (UNNEST / FLATTEN); LEFT keeps a row
// whose array is empty or absent, with the alias MISSING.
class Unnest final : public Operator {
 public:
  Unnest(ast::ExprPtr expr_in, std::string alias_in, bool outer_in)
      : Operator(OpKind::kUnnest),
        expr(std::move(expr_in)),
        alias(std::move(alias_in)),
        outer(outer_in) {}
  const char* Name() const override { return "Unnest"; }

  ast::ExprPtr expr;
  std::string alias;
  bool outer = false;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
