#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Produces one row per (KEY, VALUE [, OPTIONS]) tuple of INSERT/UPSERT ... VALUES.
class ValueScan final : public Operator {
 public:
  explicit ValueScan(std::vector<ast::InsertValues> values_in)
      : Operator(OpKind::kValueScan), values(std::move(values_in)) {}
  const char* Name() const override { return "ValueScan"; }

  std::vector<ast::InsertValues> values;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
