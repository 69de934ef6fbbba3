#pragma once

#include "planner/ops/keyspace_write.h"

namespace casql::plan {

// Removes each row's document without a CAS check (as Couchbase does); a document that is
// already gone is skipped silently.
class SendDelete final : public Operator, public KeyspaceWrite {
 public:
  SendDelete(KeyspacePath keyspace_in, std::string alias_in)
      : Operator(OpKind::kSendDelete), KeyspaceWrite(std::move(keyspace_in), std::move(alias_in)) {}
  const char* Name() const override { return "SendDelete"; }

 protected:
  void ExplainFields(Object* out) const override { ExplainWrite(out); }
};

}  // namespace casql::plan
