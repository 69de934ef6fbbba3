#pragma once

#include <memory>

#include "executor/exec_context.h"
#include "executor/exec_operator.h"
#include "executor/expr/evaluator.h"
#include "planner/operator.h"

namespace casql::exec {

// Subqueries inside expressions (subquery.cc). The expression compiler has no catalog, so the
// SELECT engine tells it, per thread, which statement is being built or run: a subquery is
// planned against that statement's Datastore and query_context when the expression around
// it compiles, so a missing keyspace or index fails the statement before it runs.
class StatementOnThread {
 public:
  explicit StatementOnThread(ExecContext& ctx);
  ~StatementOnThread();
  StatementOnThread(const StatementOnThread&) = delete;
  StatementOnThread& operator=(const StatementOnThread&) = delete;

 private:
  ExecContext* previous_;
};

// Registers the subquery compiler with the expression compiler (once per process).
void RegisterSubqueryCompiler();

// The running pipeline of `root` (executor.cc) whose rows start from `seed` and whose names
// resolve in `scope`: the enclosing rows' names for a correlated subquery.
Result<ExecOperatorPtr> BuildNested(const plan::Operator& root, const CompileScope& scope,
                                    std::shared_ptr<Row> seed, ExecContext& ctx);

}  // namespace casql::exec
