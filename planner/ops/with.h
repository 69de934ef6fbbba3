#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Evaluates the WITH bindings (common table expressions) once, before its child runs, and
// makes them visible to every row of the child as variables.
class With final : public Operator {
 public:
  With(std::vector<ast::LetBinding> bindings_in, OperatorPtr child_in)
      : Operator(OpKind::kWith), bindings(std::move(bindings_in)), child(std::move(child_in)) {}
  const char* Name() const override { return "With"; }

  std::vector<ast::LetBinding> bindings;
  OperatorPtr child;
  // Per binding: the plan of a subquery binding (its rows become the array bound), else null.
  std::vector<OperatorPtr> subquery_plans;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
