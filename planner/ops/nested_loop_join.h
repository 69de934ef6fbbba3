#pragma once

#include "planner/operator.h"

namespace casql::plan {

// ANSI `[LEFT] JOIN ks ON cond` as a nested loop: for each outer row the child (a scan of the
// right keyspace, possibly keyed by the outer row, then Fetch) runs again, and pairs
// satisfying `on_clause` are produced. LEFT keeps an unmatched outer row with the alias
// MISSING.
class NestedLoopJoin final : public Operator {
 public:
  NestedLoopJoin(std::string alias_in, ast::ExprPtr on_clause_in, bool outer_in,
                 OperatorPtr child_in)
      : Operator(OpKind::kNestedLoopJoin),
        alias(std::move(alias_in)),
        on_clause(std::move(on_clause_in)),
        outer(outer_in),
        child(std::move(child_in)) {}
  const char* Name() const override { return "NestedLoopJoin"; }

  std::string alias;
  ast::ExprPtr on_clause;
  bool outer = false;
  OperatorPtr child;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
