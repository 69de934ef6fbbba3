#pragma once

#include <string>
#include <vector>

#include "parser/ast/statement.h"
#include "planner/catalog.h"
#include "planner/planned_statement.h"
#include "value/status.h"

namespace casql::plan {

struct PlanContext {
  const Catalog* catalog = nullptr;
  std::string query_context;  // the request's query_context, empty when none
};

// Semantic checks and planning: resolves keyspaces (12003 before anything runs), formalizes
// names, chooses the access path (KeyScan for USE KEYS, PrimaryScan3 through the primary
// index, 4000 when there is none) and lays the operators out as Couchbase does so EXPLAIN
// output matches its shapes.
Result<PlanPtr> BuildPlan(const ast::StatementPtr& statement, const PlanContext& context);

// A subquery inside an expression, planned when the expression around it is compiled for
// execution. `aliases` are the enclosing keyspace aliases and `variables` the other names in
// scope there (LET, WITH, FOR bindings, projection aliases); the subquery may refer to them,
// which makes it correlated.
Result<PlanPtr> BuildSubquery(const ast::SelectStatement& select, const PlanContext& context,
                              const std::vector<std::string>& aliases,
                              const std::vector<std::string>& variables);

}  // namespace casql::plan
