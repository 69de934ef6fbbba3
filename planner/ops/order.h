#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Sorts all rows by the ORDER BY terms in N1QL collation (a blocking operator).
class Order final : public Operator {
 public:
  explicit Order(std::vector<ast::OrderTerm> terms_in)
      : Operator(OpKind::kOrder), terms(std::move(terms_in)) {}
  const char* Name() const override { return "Order"; }

  std::vector<ast::OrderTerm> terms;
  ast::ExprPtr limit;
  ast::ExprPtr offset;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
