#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Drops rows whose result equals one already produced.
class Distinct final : public Operator {
 public:
  Distinct() : Operator(OpKind::kDistinct) {}
  const char* Name() const override { return "Distinct"; }

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
