#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Lookup join `JOIN ks ON KEYS expr`: for each row, reads the documents whose keys `on_keys`
// yields and produces one row per document found (LEFT keeps rows with none, the alias
// MISSING).
class Join final : public Operator {
 public:
  Join(KeyspacePath keyspace_in, std::string alias_in, std::string written_alias_in,
       ast::ExprPtr on_keys_in, bool outer_in)
      : Operator(OpKind::kJoin),
        keyspace(std::move(keyspace_in)),
        alias(std::move(alias_in)),
        written_alias(std::move(written_alias_in)),
        on_keys(std::move(on_keys_in)),
        outer(outer_in) {}
  const char* Name() const override { return "Join"; }

  KeyspacePath keyspace;
  std::string alias;
  std::string written_alias;
  ast::ExprPtr on_keys;
  bool outer = false;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
