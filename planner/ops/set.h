#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Applies the SET terms to the clone; each value is computed from the original document.
class Set final : public Operator {
 public:
  explicit Set(std::vector<ast::SetTerm> terms_in)
      : Operator(OpKind::kSet), terms(std::move(terms_in)) {}
  const char* Name() const override { return "Set"; }

  std::vector<ast::SetTerm> terms;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
