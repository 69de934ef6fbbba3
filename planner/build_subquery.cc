// Subqueries inside expressions (projection, WHERE, LET, EXISTS, IN ...).
#include "planner/build_internal.h"

namespace casql::plan {

namespace {

bool FoundBeforePlanning(const Status& status) {
  const int code = status.code();
  return code == static_cast<int>(ErrorCode::kSyntax) ||
         code == static_cast<int>(ErrorCode::kAmbiguousReference) ||
         code == static_cast<int>(ErrorCode::kDuplicateVariable);
}

}  // namespace

bool MentionsAny(const ast::Expr& subquery, const std::vector<std::string>& enclosing) {
  const std::string text = ast::ToString(subquery);
  for (const auto& name : enclosing) {
    if (text.find('`' + name + '`') != std::string::npos) return true;
  }
  return false;
}

Result<PlannedSubquery> PlanSubquery(const ast::Expr& subquery, const PlanContext& context,
                                     const std::vector<std::string>& enclosing) {
  if (subquery.kind != ast::ExprKind::kSubquery || !subquery.subquery) {
    return Status(ErrorCode::kInternal, "Not a subquery: " + ast::ToString(subquery));
  }
  // Enclosing keyspace aliases are visible by name only: an unqualified field inside the
  // subquery belongs to the subquery's own FROM term, never to an outer keyspace, so every
  // enclosing name joins the scope as a variable.
  Scope outer;
  outer.variables = enclosing;
  auto planned = PlanSelect(*subquery.subquery, context, outer);
  if (!planned.ok()) {
    if (FoundBeforePlanning(planned.status())) return planned.status();
    return Status(ErrorCode::kSubqueryBuild,
                  FormatError(ErrorCode::kSubqueryBuild, {planned.status().message()}));
  }
  auto plan = std::make_shared<PlannedStatement>();
  plan->root = planned->root;
  plan->signature = planned->signature;
  return PlannedSubquery{plan, MentionsAny(subquery, enclosing)};
}

}  // namespace casql::plan
