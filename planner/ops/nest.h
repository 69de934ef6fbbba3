#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Lookup nest `NEST ks ON KEYS expr`: binds the alias to the array of the documents whose keys
// `on_keys` yields. A row with no document found is dropped, or with LEFT kept with the alias
// MISSING.
class Nest final : public Operator {
 public:
  Nest(KeyspacePath keyspace_in, std::string alias_in, std::string written_alias_in,
       ast::ExprPtr on_keys_in, bool outer_in)
      : Operator(OpKind::kNest),
        keyspace(std::move(keyspace_in)),
        alias(std::move(alias_in)),
        written_alias(std::move(written_alias_in)),
        on_keys(std::move(on_keys_in)),
        outer(outer_in) {}
  const char* Name() const override { return "Nest"; }

  KeyspacePath keyspace;
  std::string alias;
  std::string written_alias;
  ast::ExprPtr on_keys;
  bool outer = false;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
