#include "planner/formalize.h"

#include <algorithm>

namespace casql::plan {

bool Scope::Knows(const std::string& name) const {
  return std::find(keyspace_aliases.begin(), keyspace_aliases.end(), name) !=
             keyspace_aliases.end() ||
         std::find(variables.begin(), variables.end(), name) != variables.end();
}

Status Scope::AddVariable(const std::string& name) {
  if (Knows(name)) {
    return Status(ErrorCode::kDuplicateVariable,
                  FormatError(ErrorCode::kDuplicateVariable, {name}));
  }
  variables.push_back(name);
  return Status::OK();
}

std::string Scope::DefaultAlias() const {
  return keyspace_aliases.size() == 1 ? keyspace_aliases.front() : std::string();
}

ast::ExprPtr Formalize(const ast::ExprPtr& expr, const Scope& scope) {
  if (!expr) return expr;
  if (expr->kind == ast::ExprKind::kSubquery || expr->kind == ast::ExprKind::kLiteral ||
      expr->kind == ast::ExprKind::kParameter) {
    return expr;  // subqueries are formalized when they are planned
  }
  auto out = std::make_shared<ast::Expr>(*expr);
  if (expr->kind == ast::ExprKind::kIdentifier) {
    const std::string alias = scope.DefaultAlias();
    if (scope.Knows(expr->name) || alias.empty()) return out;
    return ast::MakeField(ast::MakeIdentifier(alias), expr->name);
  }
  if (expr->kind == ast::ExprKind::kFunction && expr->name == "meta" && expr->args.empty()) {
    const std::string alias = scope.DefaultAlias();
    if (!alias.empty()) out->args.push_back(ast::MakeIdentifier(alias));
    return out;
  }
  // Variables bound by FOR/SATISFIES shadow fields inside the expression that binds them;
  // the binding sources themselves are evaluated in the outer scope.
  Scope inner = scope;
  for (auto& binding : out->bindings) {
    binding.expr = Formalize(binding.expr, inner);
    inner.variables.push_back(binding.var);
    if (!binding.name_var.empty()) inner.variables.push_back(binding.name_var);
  }
  for (auto& arg : out->args) arg = Formalize(arg, inner);
  out->else_expr = Formalize(out->else_expr, inner);
  return out;
}

namespace {

Status CheckNames(const ast::ExprPtr& expr, const Scope& scope) {
  if (!expr || expr->kind == ast::ExprKind::kSubquery) return Status::OK();
  if (expr->kind == ast::ExprKind::kIdentifier && !scope.Knows(expr->name) &&
      scope.keyspace_aliases.size() > 1) {
    return Status(ErrorCode::kAmbiguousReference,
                  FormatError(ErrorCode::kAmbiguousReference, {expr->name, ""}));
  }
  if (expr->kind == ast::ExprKind::kFunction && expr->name == "meta" && expr->args.empty() &&
      scope.keyspace_aliases.size() > 1) {
    return Status(ErrorCode::kSemantics,
                  "META() in query with multiple FROM terms requires an argument");
  }
  Scope inner = scope;
  for (const auto& binding : expr->bindings) {
    CASQL_RETURN_IF_ERROR(CheckNames(binding.expr, inner));
    inner.variables.push_back(binding.var);
    if (!binding.name_var.empty()) inner.variables.push_back(binding.name_var);
  }
  for (const auto& arg : expr->args) CASQL_RETURN_IF_ERROR(CheckNames(arg, inner));
  return CheckNames(expr->else_expr, inner);
}

}  // namespace

Result<ast::ExprPtr> FormalizeChecked(const ast::ExprPtr& expr, const Scope& scope) {
  CASQL_RETURN_IF_ERROR(CheckNames(expr, scope));
  return Formalize(expr, scope);
}

}  // namespace casql::plan
