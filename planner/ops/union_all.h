#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Concatenates the result rows of its children (UNION ALL; UNION is UnionAll then Distinct).
class UnionAll final : public Operator {
 public:
  explicit UnionAll(std::vector<OperatorPtr> children_in)
      : Operator(OpKind::kUnionAll), children(std::move(children_in)) {}
  const char* Name() const override { return "UnionAll"; }

  std::vector<OperatorPtr> children;
  // The result names of the first operand, which an ORDER BY over the result may use.
  std::vector<std::string> names;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
