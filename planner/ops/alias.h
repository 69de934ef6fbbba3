#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Binds each row of a FROM subquery (its projected result) to the subquery's alias.
class Alias final : public Operator {
 public:
  explicit Alias(std::string as_in) : Operator(OpKind::kAlias), as(std::move(as_in)) {}
  const char* Name() const override { return "Alias"; }

  std::string as;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
