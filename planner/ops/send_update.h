#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Writes each clone back with the CAS read at Fetch (a conditional replace keeping the
// document's flags). A concurrent change makes that write fail: error 12009 for that key.
class SendUpdate final : public Operator {
 public:
  SendUpdate(KeyspacePath keyspace_in, std::string alias_in)
      : Operator(OpKind::kSendUpdate),
        keyspace(std::move(keyspace_in)),
        alias(std::move(alias_in)) {}
  const char* Name() const override { return "SendUpdate"; }

  KeyspacePath keyspace;
  std::string alias;
  ast::ExprPtr limit;
  bool returning = false;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
