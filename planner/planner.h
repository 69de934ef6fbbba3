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

// A subquery inside an expression (a kSubquery node), planned by the executor when the
// expression around it compiles and by EXPLAIN for its `~subqueries`. `enclosing` are the
// names in scope where the subquery stands (keyspace aliases, LET/LETTING/WITH/FOR variables,
// projection aliases); the subquery may refer to them by name. A subquery that cannot be
// planned is Couchbase's 5370 `Unable to run subquery - cause: ...`, except the errors
// Couchbase finds while parsing and formalizing the whole statement (3000 syntax, 3080
// ambiguous reference, 3081 duplicate variable), which are reported as themselves.
struct PlannedSubquery {
  PlanPtr plan;
  // It names something of `enclosing`: it runs per enclosing row, else once per execution.
  bool correlated = false;
};
Result<PlannedSubquery> PlanSubquery(const ast::Expr& subquery, const PlanContext& context,
                                     const std::vector<std::string>& enclosing);

// Conservative: the printed subquery quotes every identifier, so a name of `enclosing` that
// the subquery uses appears quoted in its text. A field or keyspace of the same name also
// matches, which only costs the reuse of the result.
bool MentionsAny(const ast::Expr& subquery, const std::vector<std::string>& enclosing);

}  // namespace casql::plan
