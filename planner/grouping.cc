#include "planner/grouping.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace casql::plan {

bool IsAggregateCall(const ast::Expr& expr) {
  static constexpr std::array<std::string_view, 17> kNames = {
      "array_agg", "avg",     "count",        "countn",     "max",          "mean",
      "median",    "min",     "stddev",       "stddev_pop", "stddev_samp",  "sum",
      "variance",  "var_pop", "variance_pop", "var_samp",   "variance_samp"};
  return expr.kind == ast::ExprKind::kFunction && !expr.window &&
         std::find(kNames.begin(), kNames.end(), expr.name) != kNames.end();
}

bool HasAggregate(const ast::ExprPtr& expr) {
  std::vector<ast::ExprPtr> found;
  CollectAggregates(expr, &found);
  return !found.empty();
}

void CollectAggregates(const ast::ExprPtr& expr, std::vector<ast::ExprPtr>* out) {
  if (!expr || expr->kind == ast::ExprKind::kSubquery) return;
  if (IsAggregateCall(*expr)) {
    const bool seen = std::any_of(out->begin(), out->end(),
                                  [&](const ast::ExprPtr& e) { return ast::Equal(e, expr); });
    if (!seen) out->push_back(expr);
    return;
  }
  for (const auto& binding : expr->bindings) CollectAggregates(binding.expr, out);
  for (const auto& arg : expr->args) CollectAggregates(arg, out);
  CollectAggregates(expr->else_expr, out);
}

namespace {

bool IsKey(const ast::ExprPtr& expr, const GroupContext& group) {
  return std::any_of(group.keys.begin(), group.keys.end(),
                     [&](const ast::ExprPtr& k) { return ast::Equal(k, expr); });
}

bool IsVariable(const std::string& name, const GroupContext& group) {
  return std::find(group.variables.begin(), group.variables.end(), name) != group.variables.end();
}

Status NotGrouped(const ast::Expr& expr) {
  return Status(ErrorCode::kNotGroupKeyOrAggregate,
                FormatError(ErrorCode::kNotGroupKeyOrAggregate, {ast::ToString(expr)}));
}

// A field path `a.b.c` (or `a[0].b`) rooted at a name: reported whole when not grouped.
bool IsPath(const ast::Expr& expr) {
  if (expr.kind == ast::ExprKind::kIdentifier) return true;
  if (expr.kind == ast::ExprKind::kField || expr.kind == ast::ExprKind::kElement) {
    return IsPath(*expr.args[0]);
  }
  return false;
}

}  // namespace

Status CheckGrouped(const ast::ExprPtr& expr, const GroupContext& group) {
  if (!expr || expr->kind == ast::ExprKind::kSubquery) return Status::OK();
  if (IsAggregateCall(*expr) || IsKey(expr, group)) return Status::OK();
  switch (expr->kind) {
    case ast::ExprKind::kLiteral:
    case ast::ExprKind::kParameter:
      return Status::OK();
    case ast::ExprKind::kIdentifier:
      return IsVariable(expr->name, group) ? Status::OK() : NotGrouped(*expr);
    default:
      break;
  }
  if (IsPath(*expr)) {
    // A field of a key (`k.x` with `k` a key or variable) is fine; otherwise the whole path
    // is what reads an ungrouped document.
    const ast::Expr* root = expr.get();
    while (root->kind != ast::ExprKind::kIdentifier) {
      if (IsKey(root->args[0], group)) return Status::OK();
      root = root->args[0].get();
    }
    return IsVariable(root->name, group) ? Status::OK() : NotGrouped(*expr);
  }
  if (expr->kind == ast::ExprKind::kFunction && expr->name == "meta") return NotGrouped(*expr);
  GroupContext inner = group;
  for (const auto& binding : expr->bindings) {
    CASQL_RETURN_IF_ERROR(CheckGrouped(binding.expr, inner));
    inner.variables.push_back(binding.var);
    if (!binding.name_var.empty()) inner.variables.push_back(binding.name_var);
  }
  for (const auto& arg : expr->args) CASQL_RETURN_IF_ERROR(CheckGrouped(arg, inner));
  return CheckGrouped(expr->else_expr, inner);
}

}  // namespace casql::plan
