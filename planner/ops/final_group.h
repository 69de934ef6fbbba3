#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Finishes each group's aggregates; emits one row per group (one row for an aggregate query
// without GROUP BY, even over no input).
class FinalGroup final : public Operator {
 public:
  FinalGroup(std::vector<ast::ExprPtr> keys_in, std::vector<ast::ExprPtr> aggregates_in)
      : Operator(OpKind::kFinalGroup),
        keys(std::move(keys_in)),
        aggregates(std::move(aggregates_in)) {}
  const char* Name() const override { return "FinalGroup"; }

  std::vector<ast::ExprPtr> keys;
  std::vector<ast::ExprPtr> aggregates;  // distinct aggregate calls, in first-use order

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
