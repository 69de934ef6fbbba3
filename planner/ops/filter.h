#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Keeps the rows whose condition is TRUE (not MISSING, NULL or FALSE).
class Filter final : public Operator {
 public:
  Filter(ast::ExprPtr condition_in, std::string alias_in)
      : Operator(OpKind::kFilter), condition(std::move(condition_in)), alias(std::move(alias_in)) {}
  const char* Name() const override { return "Filter"; }

  ast::ExprPtr condition;
  std::string alias;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
