#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Merges partial aggregates of groups with equal keys coming from InitialGroup.
class IntermediateGroup final : public Operator {
 public:
  IntermediateGroup(std::vector<ast::ExprPtr> keys_in, std::vector<ast::ExprPtr> aggregates_in)
      : Operator(OpKind::kIntermediateGroup),
        keys(std::move(keys_in)),
        aggregates(std::move(aggregates_in)) {}
  const char* Name() const override { return "IntermediateGroup"; }

  std::vector<ast::ExprPtr> keys;
  std::vector<ast::ExprPtr> aggregates;  // distinct aggregate calls, in first-use order

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
