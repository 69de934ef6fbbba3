#pragma once

#include "planner/operator.h"

namespace casql::plan {

// DROP INDEX / DROP PRIMARY INDEX: removes an index definition and its entries.
class DropIndex final : public Operator {
 public:
  DropIndex(KeyspacePath keyspace_in, std::string name_in, bool primary_in, bool if_exists_in)
      : Operator(OpKind::kDropIndex),
        keyspace(std::move(keyspace_in)),
        name(std::move(name_in)),
        primary(primary_in),
        if_exists(if_exists_in) {}
  const char* Name() const override { return "DropIndex"; }

  KeyspacePath keyspace;
  std::string name;
  bool primary = false;
  bool if_exists = false;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
