#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Runs copies of its child pipeline over the incoming rows.
class Parallel final : public Operator {
 public:
  Parallel(OperatorPtr child_in, int max_parallelism_in)
      : Operator(OpKind::kParallel),
        child(std::move(child_in)),
        max_parallelism(max_parallelism_in) {}
  const char* Name() const override { return "Parallel"; }

  OperatorPtr child;
  int max_parallelism = 0;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
