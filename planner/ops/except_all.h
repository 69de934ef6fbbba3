#pragma once

#include "planner/operator.h"

namespace casql::plan {

// The rows of `first` whose result appears nowhere among the results of `second` (EXCEPT ALL;
// EXCEPT adds a Distinct).
class ExceptAll final : public Operator {
 public:
  ExceptAll(OperatorPtr first_in, OperatorPtr second_in)
      : Operator(OpKind::kExceptAll), first(std::move(first_in)), second(std::move(second_in)) {}
  const char* Name() const override { return "ExceptAll"; }

  OperatorPtr first;
  OperatorPtr second;
  // The result names of the first operand, which an ORDER BY over the result may use.
  std::vector<std::string> names;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
