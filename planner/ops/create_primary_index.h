#pragma once

#include "planner/operator.h"

namespace casql::plan {

// CREATE PRIMARY INDEX: registers the keyspace's primary index.
class CreatePrimaryIndex final : public Operator {
 public:
  CreatePrimaryIndex(KeyspacePath keyspace_in, std::string name_in, bool if_not_exists_in)
      : Operator(OpKind::kCreatePrimaryIndex),
        keyspace(std::move(keyspace_in)),
        name(std::move(name_in)),
        if_not_exists(if_not_exists_in) {}
  const char* Name() const override { return "CreatePrimaryIndex"; }

  KeyspacePath keyspace;
  std::string name;
  bool if_not_exists = false;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
