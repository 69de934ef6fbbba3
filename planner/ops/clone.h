#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Copies each fetched document into the row's clone, which Set/Unset then change; the
// original stays readable so SET values are computed from the document as fetched.
class Clone final : public Operator {
 public:
  Clone() : Operator(OpKind::kClone) {}
  const char* Name() const override { return "Clone"; }

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
