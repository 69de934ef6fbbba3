// PREPARE and EXECUTE.
#include "planner/build_internal.h"
#include "planner/ops/prepare.h"
#include "planner/prepared_registry.h"

namespace casql::plan {

Result<PlanPtr> BuildPrepare(const ast::StatementPtr& statement, const PlanContext& context) {
  const auto& prepare = std::get<ast::PrepareStatement>(statement->body);
  // Plan now so that a statement that cannot run is refused when it is prepared.
  const uint64_t version = context.catalog->catalog_version();
  auto inner = BuildPlan(prepare.inner, context);
  if (!inner.ok()) return inner.status();
  // The text Couchbase reports is the request's; casql rebuilds it from the statement as
  // written after the name, so FROM stands for AS and blanks are normalised.
  std::string text = prepare.force ? "PREPARE FORCE " : "PREPARE ";
  if (!prepare.name.empty()) text += prepare.name + " FROM ";
  text += prepare.inner_text;
  auto plan = std::make_shared<PlannedStatement>();
  plan->root = std::make_shared<Prepare>(prepare.name, std::move(text), context.query_context,
                                         prepare.inner, inner.value(), version);
  plan->statement = statement;
  plan->signature = Value("json");
  return PlanPtr(plan);
}

Result<PlanPtr> BuildExecute(const ast::StatementPtr& statement, const PlanContext& context) {
  const auto& execute = std::get<ast::ExecuteStatement>(statement->body);
  std::string name;
  if (execute.name->kind == ast::ExprKind::kIdentifier) {
    name = execute.name->name;
  } else if (execute.name->kind == ast::ExprKind::kLiteral && execute.name->value.IsString()) {
    name = execute.name->value.AsString();
  } else {
    return Status(ErrorCode::kSemantics,
                  "EXECUTE with a parameter as the statement name is not supported by this "
                  "version of casql");
  }
  const ast::ExprPtr& args = execute.using_args;
  const bool args_ok =
      !args || args->kind == ast::ExprKind::kArrayConstruct ||
      args->kind == ast::ExprKind::kObjectConstruct ||
      (args->kind == ast::ExprKind::kLiteral && (args->value.IsArray() || args->value.IsObject()));
  if (!args_ok) {
    return Status(ErrorCode::kSemantics,
                  "EXECUTE ... USING takes an array of positional or an object of named "
                  "parameter values");
  }
  auto prepared =
      context.catalog->prepareds().PlanFor(name, context.query_context, *context.catalog);
  if (!prepared.ok()) return prepared.status();
  auto plan = std::make_shared<PlannedStatement>(*prepared.value());
  plan->using_args = execute.using_args;
  return PlanPtr(plan);
}

}  // namespace casql::plan
