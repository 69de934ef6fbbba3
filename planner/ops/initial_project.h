#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Evaluates the SELECT list (or RETURNING list) into each row's result.
class InitialProject final : public Operator {
 public:
  explicit InitialProject(ast::Projection projection_in)
      : Operator(OpKind::kInitialProject), projection(std::move(projection_in)) {}
  const char* Name() const override { return "InitialProject"; }

  ast::Projection projection;
  bool discard_original = false;
  bool preserve_order = false;
  // Also bind each named term's value under its name, for an ORDER BY that refers to it.
  bool bind_terms = false;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
