#pragma once

#include <vector>

#include "parser/ast/statement.h"
#include "planner/planned_statement.h"
#include "planner/planner.h"

namespace casql::plan {

// EXPLAIN's `~subqueries`: every subquery of the statement's expressions, planned as the
// executor plans it when the expression compiles (PlanSubquery, nothing runs), so a subquery
// that cannot be planned fails EXPLAIN as it fails execution. The walk is pre-order: WITH
// bindings; per SELECT block FROM (USE KEYS, FROM expressions, join conditions, UNNEST
// expressions, the subqueries inside FROM subqueries), LET, WHERE, GROUP BY, LETTING, HAVING,
// the projection; then the statement's ORDER BY, OFFSET and LIMIT. UPDATE: USE KEYS, LET,
// WHERE, SET, UNSET, LIMIT, RETURNING; DELETE likewise without SET/UNSET; INSERT: VALUES or
// its SELECT, then KEY/VALUE/OPTIONS, RETURNING; MERGE: source, ON, the actions in written
// order, LIMIT, RETURNING. A subquery comes before the subqueries written inside it; one
// written once is listed once (a GROUP BY alias repeats its term as LETTING). Each is
// planned with the names in scope where it stands, which decide `correlated`.
Result<std::vector<ExplainedSubquery>> ListSubqueries(const ast::Statement& statement,
                                                      const PlanContext& context);

}  // namespace casql::plan
