#pragma once

#include "planner/catalog.h"
#include "planner/operator.h"

namespace casql::plan {

// CREATE INDEX name ON ks(keys...) [WHERE cond]: defines a secondary index and builds it
// from the keyspace's documents.
class CreateIndex final : public Operator {
 public:
  CreateIndex(KeyspacePath keyspace_in, IndexInfo index_in, bool if_not_exists_in)
      : Operator(OpKind::kCreateIndex),
        keyspace(std::move(keyspace_in)),
        index(std::move(index_in)),
        if_not_exists(if_not_exists_in) {}
  const char* Name() const override { return "CreateIndex"; }

  KeyspacePath keyspace;
  IndexInfo index;  // id is assigned when the index is created
  bool if_not_exists = false;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
