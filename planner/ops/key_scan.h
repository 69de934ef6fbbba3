#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Produces the document keys of a USE KEYS expression (a string or an array of them).
class KeyScan final : public Operator {
 public:
  explicit KeyScan(ast::ExprPtr keys_in) : Operator(OpKind::kKeyScan), keys(std::move(keys_in)) {}
  const char* Name() const override { return "KeyScan"; }

  ast::ExprPtr keys;
  bool validate = false;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
