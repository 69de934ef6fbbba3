#pragma once

#include "planner/operator.h"

namespace casql::plan {

// ANSI `[LEFT] NEST ks ON cond` as a nested loop: for each outer row the child (a scan of the
// right keyspace, possibly keyed by the outer row, then Fetch) runs again and the documents
// satisfying `on_clause` are bound to the alias as one array. A row with none is dropped, or
// with LEFT kept with the alias MISSING.
class NestedLoopNest final : public Operator {
 public:
  NestedLoopNest(std::string alias_in, ast::ExprPtr on_clause_in, bool outer_in,
                 OperatorPtr child_in)
      : Operator(OpKind::kNestedLoopNest),
        alias(std::move(alias_in)),
        on_clause(std::move(on_clause_in)),
        outer(outer_in),
        child(std::move(child_in)) {}
  const char* Name() const override { return "NestedLoopNest"; }

  std::string alias;
  ast::ExprPtr on_clause;
  bool outer = false;
  OperatorPtr child;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
