#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Evaluates the WITH bindings (common table expressions) once, before its child runs, and
// makes them visible to every row of the child as variables. A recursive binding (WITH
// RECURSIVE) is its anchor's rows followed by the rows of each round of its step.
class With final : public Operator {
 public:
  With(std::vector<ast::LetBinding> bindings_in, OperatorPtr child_in)
      : Operator(OpKind::kWith), bindings(std::move(bindings_in)), child(std::move(child_in)) {}
  const char* Name() const override { return "With"; }

  std::vector<ast::LetBinding> bindings;
  OperatorPtr child;
  // Per binding: the plan of a subquery binding (its rows become the array bound), else null.
  // For a WITH RECURSIVE binding `anchor UNION [ALL] step` this is the anchor's plan.
  std::vector<OperatorPtr> subquery_plans;
  // Per binding: null, or the recursive step's plan, which reads the binding's name as the
  // rows the previous round produced; it runs until a round produces none.
  std::vector<OperatorPtr> recursive_plans;
  // Per binding: the step was joined by UNION (rows seen before are dropped) not UNION ALL.
  std::vector<bool> recursive_distinct;
  // Per binding: the OPTIONS {"levels", "documents"} of a recursive binding, else null;
  // evaluated when the statement runs (it may read parameters).
  std::vector<ast::ExprPtr> recursive_options;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
