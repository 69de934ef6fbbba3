#include "executor/ops/group_spec.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// After grouping, an aggregate call denotes its group's value, which lives in a named slot;
// the call is replaced by a reference to that slot before compiling.
ast::ExprPtr ReferToAggregates(const ast::ExprPtr& expr, const CompileScope& scope) {
  if (!expr || expr->kind == ast::ExprKind::kSubquery) return expr;
  if (expr->kind == ast::ExprKind::kFunction && !expr->window &&
      scope.Find(AggregateSlotName(*expr)) >= 0) {
    return ast::MakeIdentifier(AggregateSlotName(*expr));
  }
  auto out = std::make_shared<ast::Expr>(*expr);
  for (auto& b : out->bindings) b.expr = ReferToAggregates(b.expr, scope);
  for (auto& a : out->args) a = ReferToAggregates(a, scope);
  out->else_expr = ReferToAggregates(out->else_expr, scope);
  return out;
}

bool HasAggregateSlots(const CompileScope& scope) {
  for (const auto& name : scope.names) {
    if (name.name.rfind("#aggregate ", 0) == 0) return true;
  }
  return false;
}

}  // namespace

Result<EvaluatorPtr> CompileInScope(const ast::ExprPtr& expr, const CompileScope& scope) {
  if (!HasAggregateSlots(scope)) return Compile(expr, scope);
  return Compile(ReferToAggregates(expr, scope), scope);
}

size_t BindKeyspaceAlias(CompileScope* scope, const std::string& alias) {
  const int slot = scope->Find(alias);
  if (slot >= 0 && scope->names[static_cast<size_t>(slot)].keyspace) {
    return static_cast<size_t>(slot);
  }
  return scope->Add(alias, /*keyspace=*/true);
}

ResultNames AddResultNames(const std::vector<std::string>& names, CompileScope* scope) {
  ResultNames out;
  for (const auto& name : names) {
    if (!name.empty()) out.emplace_back(name, scope->Add(name));
  }
  return out;
}

void BindResultNames(const ResultNames& names, Row* row) {
  for (const auto& [name, slot] : names) row->Bind(slot, row->result.Field(name));
}

}  // namespace casql::exec
