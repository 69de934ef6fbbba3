#pragma once

#include "planner/operator.h"

namespace casql::plan {

// The rows of `first` whose result also appears among the results of `second` (INTERSECT ALL;
// INTERSECT adds a Distinct). Duplicates in `first` are all kept, as Couchbase keeps them.
class IntersectAll final : public Operator {
 public:
  IntersectAll(OperatorPtr first_in, OperatorPtr second_in)
      : Operator(OpKind::kIntersectAll), first(std::move(first_in)), second(std::move(second_in)) {}
  const char* Name() const override { return "IntersectAll"; }

  OperatorPtr first;
  OperatorPtr second;
  // The result names of the first operand, which an ORDER BY over the result may use.
  std::vector<std::string> names;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
