#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Produces one empty row: the source of a SELECT without FROM.
class DummyScan final : public Operator {
 public:
  DummyScan() : Operator(OpKind::kDummyScan) {}
  const char* Name() const override { return "DummyScan"; }

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
