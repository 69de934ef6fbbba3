#pragma once

#include "planner/operator.h"

namespace casql::plan {

// ANSI `[LEFT] JOIN ks ON cond` where cond equates expressions of the right keyspace
// (`build_exprs`) with expressions of the rows before it (`probe_exprs`): the child (scan of
// the right keyspace, then Fetch) runs once into a hash table keyed by the build
// expressions; each outer row probes it, and `on_clause` is checked on every candidate pair.
class HashJoin final : public Operator {
 public:
  HashJoin(std::string alias_in, ast::ExprPtr on_clause_in, bool outer_in, OperatorPtr child_in)
      : Operator(OpKind::kHashJoin),
        alias(std::move(alias_in)),
        on_clause(std::move(on_clause_in)),
        outer(outer_in),
        child(std::move(child_in)) {}
  const char* Name() const override { return "HashJoin"; }

  std::string alias;
  ast::ExprPtr on_clause;
  bool outer = false;
  OperatorPtr child;
  std::vector<ast::ExprPtr> build_exprs;
  std::vector<ast::ExprPtr> probe_exprs;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
