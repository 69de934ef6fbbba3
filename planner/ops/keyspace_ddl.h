#pragma once

#include "planner/operator.h"

namespace casql::plan {

// CREATE/DROP BUCKET, SCOPE or COLLECTION.
class KeyspaceDdl final : public Operator {
 public:
  explicit KeyspaceDdl(ast::KeyspaceDdlStatement statement_in)
      : Operator(OpKind::kKeyspaceDdl), statement(std::move(statement_in)) {}
  const char* Name() const override;

  ast::KeyspaceDdlStatement statement;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
