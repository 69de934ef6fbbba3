#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Produces every document key of a keyspace in key order, through its primary index.
class PrimaryScan final : public Operator {
 public:
  PrimaryScan(KeyspacePath keyspace_in, std::string alias_in, std::string index_in)
      : Operator(OpKind::kPrimaryScan),
        keyspace(std::move(keyspace_in)),
        alias(std::move(alias_in)),
        index(std::move(index_in)) {}
  const char* Name() const override { return "PrimaryScan3"; }

  KeyspacePath keyspace;
  std::string alias;
  std::string index;
  // Pushed LIMIT and OFFSET (null: not pushed): the scan skips `offset` keys and yields at
  // most `limit` more, so no Offset operator follows it.
  ast::ExprPtr limit;
  ast::ExprPtr offset;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
