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
  bool upsert = false;  // chooses the UPSERT error codes (5072-5078) over INSERT's (5050-5070)

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
