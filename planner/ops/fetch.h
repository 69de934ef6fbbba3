#pragma once

#include "planner/operator.h"

namespace casql::plan {

// Reads each scanned key's document with its META (CAS, flags, expiration) and binds it to
// the alias; keys whose document is gone are dropped silently, as Couchbase does.
class Fetch final : public Operator {
 public:
  Fetch(KeyspacePath keyspace_in, std::string alias_in, std::string written_alias_in)
      : Operator(OpKind::kFetch),
        keyspace(std::move(keyspace_in)),
        alias(std::move(alias_in)),
        written_alias(std::move(written_alias_in)) {}
  const char* Name() const override { return "Fetch"; }

  KeyspacePath keyspace;
  std::string alias;
  std::string written_alias;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
