#include "planner/planner.h"

#include "planner/build_internal.h"
#include "planner/explain_subqueries.h"
#include "planner/ops/key_scan.h"
#include "planner/ops/primary_scan.h"

namespace casql::plan {

Result<BoundKeyspace> BindKeyspace(const ast::KeyspaceRef& ref, const PlanContext& context) {
  if (ref.expr) {
    return Status(ErrorCode::kSemantics, "Dynamic keyspace expressions are not supported");
  }
  auto path = ResolveKeyspace(ref, context.query_context);
  if (!path.ok()) return path.status();
  CASQL_RETURN_IF_ERROR(CheckKeyspace(*context.catalog, *path));
  BoundKeyspace bound{*path, ref.alias.empty() ? std::string(path->LastPart()) : ref.alias,
                      ref.alias};
  return bound;
}

Result<OperatorPtr> BuildKeyspaceScan(const BoundKeyspace& keyspace, const ast::UseClause& use,
                                      const Scope& scope, const PlanContext& context) {
  if (use.keys) {
    auto scan = std::make_shared<KeyScan>(Formalize(use.keys, scope));
    return OperatorPtr(scan);
  }
  auto primary = context.catalog->PrimaryIndex(keyspace.path);
  if (!primary) {
    // Couchbase names the keyspace fully back-quoted here: `default`:`b`.`s`.`c`.
    const KeyspacePath& p = keyspace.path;
    std::string shown = "`" + p.ns + "`:`" + p.bucket + "`";
    if (!p.written_as_bucket) shown += ".`" + p.scope + "`.`" + p.collection + "`";
    return Status(ErrorCode::kPlan, FormatError(ErrorCode::kNoPrimaryIndex, {shown, shown}));
  }
  return OperatorPtr(
      std::make_shared<PrimaryScan>(keyspace.path, keyspace.written_alias, *primary));
}

ast::Projection FormalizeProjection(const ast::Projection& projection, const Scope& scope) {
  ast::Projection out = projection;
  for (auto& term : out.terms) term.expr = Formalize(term.expr, scope);
  return out;
}

Value ProjectionSignature(const ast::Projection& projection) {
  if (projection.raw) return Value("json");
  Object signature;
  const auto names = ProjectionNames(projection);
  for (size_t i = 0; i < names.size(); ++i) {
    if (projection.terms[i].star) {
      signature.Set("*", Value("*"));
    } else {
      signature.Set(names[i], Value("json"));
    }
  }
  return Value(std::move(signature));
}

namespace {

PlanPtr Finish(OperatorPtr root, const ast::StatementPtr& statement, bool mutation,
               Value signature) {
  auto plan = std::make_shared<PlannedStatement>();
  plan->root = std::move(root);
  plan->statement = statement;
  plan->is_mutation = mutation;
  plan->signature = std::move(signature);
  return plan;
}

Value DmlSignature(const ast::Projection& returning) {
  return returning.terms.empty() ? Value::Null() : ProjectionSignature(returning);
}

}  // namespace

Result<PlanPtr> BuildPlan(const ast::StatementPtr& statement, const PlanContext& context) {
  const auto& body = statement->body;
  if (const auto* explain = std::get_if<ast::ExplainStatement>(&body)) {
    auto inner = BuildPlan(explain->inner, context);
    if (!inner.ok()) return inner.status();
    auto plan = std::make_shared<PlannedStatement>(*inner.value());
    auto subqueries = ListSubqueries(*explain->inner, context);
    if (!subqueries.ok()) return subqueries.status();
    plan->subqueries = std::move(subqueries.value());
    plan->statement = statement;
    plan->is_explain = true;
    plan->is_mutation = false;
    plan->signature = Value("json");
    return PlanPtr(plan);
  }
  if (std::holds_alternative<ast::PrepareStatement>(body)) return BuildPrepare(statement, context);
  if (std::holds_alternative<ast::ExecuteStatement>(body)) return BuildExecute(statement, context);
  if (const auto* select = std::get_if<ast::SelectStatement>(&body)) {
    auto plan = BuildSelect(*select, context);
    if (!plan.ok()) return plan.status();
    auto out = std::make_shared<PlannedStatement>(*plan.value());
    out->statement = statement;
    return PlanPtr(out);
  }
  if (const auto* update = std::get_if<ast::UpdateStatement>(&body)) {
    auto root = BuildUpdate(*update, context);
    if (!root.ok()) return root.status();
    return Finish(*root, statement, true, DmlSignature(update->returning));
  }
  if (const auto* insert = std::get_if<ast::InsertStatement>(&body)) {
    auto root = BuildInsert(*insert, context);
    if (!root.ok()) return root.status();
    return Finish(*root, statement, true, DmlSignature(insert->returning));
  }
  if (const auto* del = std::get_if<ast::DeleteStatement>(&body)) {
    auto root = BuildDelete(*del, context);
    if (!root.ok()) return root.status();
    return Finish(*root, statement, true, DmlSignature(del->returning));
  }
  if (const auto* merge = std::get_if<ast::MergeStatement>(&body)) {
    auto root = BuildMerge(*merge, context);
    if (!root.ok()) return root.status();
    return Finish(*root, statement, true, DmlSignature(merge->returning));
  }
  auto root = BuildDdl(*statement, context);
  if (!root.ok()) return root.status();
  return Finish(*root, statement, false, Value::Null());
}

}  // namespace casql::plan
