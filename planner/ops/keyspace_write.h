#pragma once

#include "planner/operator.h"

namespace casql::plan {

// What the operators that write one document per row (SendUpdate, SendDelete) carry, and how
// EXPLAIN shows it: the keyspace and alias, the statement's LIMIT (applied by the Limit
// operator before them; shown here as Couchbase shows it) and whether RETURNING reads the rows
// (fast_discard when not).
struct KeyspaceWrite {
  KeyspaceWrite(KeyspacePath keyspace_in, std::string alias_in)
      : keyspace(std::move(keyspace_in)), alias(std::move(alias_in)) {}

  KeyspacePath keyspace;
  std::string alias;
  ast::ExprPtr limit;
  bool returning = false;

  void ExplainWrite(Object* out) const;
};

}  // namespace casql::plan
