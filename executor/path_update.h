#pragma once

#include <string>
#include <vector>

#include "executor/expr/evaluator.h"

namespace casql::exec {

// A SET/UNSET target compiled to steps below a root name: `a.b[2].c` -> b, [2], c. The root
// is the keyspace alias (plain SET) or a FOR variable (SET ... FOR v IN arr END).
class PathUpdate {
 public:
  // Compiles a formalized path; it must start at the name whose slot is `slot`. With
  // `allow_root`, the bare name itself is a valid (empty) path.
  static Result<PathUpdate> Compile(const ast::ExprPtr& path, const CompileScope& scope,
                                    size_t slot, bool allow_root = false);

  // Sets (or, for MISSING, removes) the value at the path inside `doc`. As in Couchbase, only
  // the last step is created: when an intermediate step does not exist the update is a no-op.
  // An empty path replaces `doc` itself (MISSING leaves it alone: an element cannot vanish).
  void Apply(Value* doc, Value value, const Row& row, ExecContext& ctx) const;

  // The value at the path inside `doc`, detached for writing, or null when a step is missing.
  Value* Resolve(Value* doc, const Row& row, ExecContext& ctx) const;

 private:
  struct Step {
    std::string field;   // object step when index is null
    EvaluatorPtr index;  // array (or computed field) step
  };
  std::vector<Step> steps_;
};

}  // namespace casql::exec
