#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Groups the incoming rows by `keys` and accumulates partial `aggregates` per group.
class InitialGroup final : public Operator {
 public:
  InitialGroup(std::vector<ast::ExprPtr> keys_in, std::vector<ast::ExprPtr> aggregates_in)
      : Operator(OpKind::kInitialGroup),
        keys(std::move(keys_in)),
        aggregates(std::move(aggregates_in)) {}
  const char* Name() const override { return "InitialGroup"; }

  std::vector<ast::ExprPtr> keys;
  std::vector<ast::ExprPtr> aggregates;  // distinct aggregate calls, in first-use order

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
