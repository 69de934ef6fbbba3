#include "planner/planned_statement.h"

namespace casql::plan {

std::vector<std::string> ProjectionNames(const ast::Projection& projection) {
  std::vector<std::string> names;
  int unnamed = 0;
  for (const auto& term : projection.terms) {
    if (term.star) {
      names.emplace_back();
    } else if (!term.alias.empty()) {
      names.push_back(term.alias);
    } else if (term.expr->kind == ast::ExprKind::kField ||
               term.expr->kind == ast::ExprKind::kIdentifier) {
      names.push_back(term.expr->name);
    } else {
      names.push_back("$" + std::to_string(++unnamed));
    }
  }
  return names;
}

}  // namespace casql::plan
