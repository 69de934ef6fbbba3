#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Removes the UNSET paths from the clone.
class Unset final : public Operator {
 public:
  explicit Unset(std::vector<ast::UnsetTerm> terms_in)
      : Operator(OpKind::kUnset), terms(std::move(terms_in)) {}
  const char* Name() const override { return "Unset"; }

  std::vector<ast::UnsetTerm> terms;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
