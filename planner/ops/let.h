#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Binds LET variables on every row, each seeing the ones before it.
class Let final : public Operator {
 public:
  explicit Let(std::vector<ast::LetBinding> bindings_in)
      : Operator(OpKind::kLet), bindings(std::move(bindings_in)) {}
  const char* Name() const override { return "Let"; }

  std::vector<ast::LetBinding> bindings;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
