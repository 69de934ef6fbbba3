// Subqueries inside expressions (projection, WHERE, LET, EXISTS, IN ...).
#include "planner/build_internal.h"

namespace casql::plan {

Result<PlanPtr> BuildSubquery(const ast::SelectStatement& select, const PlanContext& context,
                              const std::vector<std::string>& aliases,
                              const std::vector<std::string>& variables) {
  // Enclosing keyspace aliases are visible by name only: an unqualified field inside the
  // subquery belongs to the subquery's own FROM term, never to an outer keyspace, so they
  // join the scope as variables rather than as aliases.
  Scope outer;
  outer.variables = variables;
  outer.variables.insert(outer.variables.end(), aliases.begin(), aliases.end());
  auto planned = PlanSelect(select, context, outer);
  if (!planned.ok()) return planned.status();
  auto plan = std::make_shared<PlannedStatement>();
  plan->root = planned->root;
  plan->signature = planned->signature;
  return PlanPtr(plan);
}

}  // namespace casql::plan
