#pragma once

#include <string>
#include <vector>

#include "executor/expr/evaluator.h"

namespace casql::exec {

// A SET/UNSET target compiled to steps below the keyspace alias: `a.b[2].c` -> b, [2], c.
class PathUpdate {
 public:
  // Compiles a formalized path; it must start at the keyspace alias whose slot is `slot`.
  static Result<PathUpdate> Compile(const ast::ExprPtr& path, const CompileScope& scope,
                                    size_t slot);

  // Sets (or, for MISSING, removes) the value at the path inside `doc`. As in Couchbase, only
  // the last step is created: when an intermediate step does not exist the update is a no-op.
  void Apply(Value* doc, Value value, const Row& row, ExecContext& ctx) const;

 private:
  struct Step {
    std::string field;   // object step when index is null
    EvaluatorPtr index;  // array (or computed field) step
  };
  std::vector<Step> steps_;
};

}  // namespace casql::exec
