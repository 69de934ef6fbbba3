#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Runs its children as one pipeline, each consuming the previous one's rows.
class Sequence final : public Operator {
 public:
  explicit Sequence(std::vector<OperatorPtr> children_in)
      : Operator(OpKind::kSequence), children(std::move(children_in)) {}
  const char* Name() const override { return "Sequence"; }

  std::vector<OperatorPtr> children;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
