#pragma once

#include "planner/ops/keyspace_write.h"

namespace casql::plan {

// Writes each clone back with the CAS read at Fetch (a conditional replace keeping the
// document's flags). A concurrent change makes that write fail: error 12009 for that key.
class SendUpdate final : public Operator, public KeyspaceWrite {
 public:
  SendUpdate(KeyspacePath keyspace_in, std::string alias_in)
      : Operator(OpKind::kSendUpdate), KeyspaceWrite(std::move(keyspace_in), std::move(alias_in)) {}
  const char* Name() const override { return "SendUpdate"; }

 protected:
  void ExplainFields(Object* out) const override { ExplainWrite(out); }
};

}  // namespace casql::plan
