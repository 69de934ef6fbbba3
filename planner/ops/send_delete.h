#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Removes each row's document without a CAS check (as Couchbase does); a document that is
// already gone is skipped silently.
class SendDelete final : public Operator {
 public:
  SendDelete(KeyspacePath keyspace_in, std::string alias_in)
      : Operator(OpKind::kSendDelete),
        keyspace(std::move(keyspace_in)),
        alias(std::move(alias_in)) {}
  const char* Name() const override { return "SendDelete"; }

  KeyspacePath keyspace;
  std::string alias;
  ast::ExprPtr limit;
  bool returning = false;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
