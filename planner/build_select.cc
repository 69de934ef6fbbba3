// SELECT: Sequence[scan, Fetch, Parallel{Sequence[Filter, InitialProject]}], then Order,
// Offset and Limit, as Couchbase's planner lays a single-keyspace query out.
#include "planner/build_internal.h"
#include "planner/ops/dummy_scan.h"
#include "planner/ops/fetch.h"
#include "planner/ops/filter.h"
#include "planner/ops/initial_project.h"
#include "planner/ops/limit.h"
#include "planner/ops/offset.h"
#include "planner/ops/order.h"
#include "planner/ops/parallel.h"
#include "planner/ops/sequence.h"

namespace casql::plan {

namespace {

Status Unsupported(const std::string& what) {
  return Status(ErrorCode::kSemantics, what + " is not supported by this version of casql");
}

}  // namespace

Result<PlanPtr> BuildSelect(const ast::SelectStatement& select, const PlanContext& context) {
  if (!select.with.empty()) return Unsupported("WITH");
  if (!select.set_ops.empty()) return Unsupported("UNION, INTERSECT and EXCEPT");
  if (!select.first.block) return Unsupported("A parenthesised SELECT");
  const ast::SelectBlock& block = *select.first.block;
  if (!block.let.empty() || !block.group_by.empty() || !block.letting.empty() || block.having) {
    return Unsupported("LET, GROUP BY, LETTING and HAVING");
  }

  Scope scope;
  std::vector<OperatorPtr> children;
  if (block.from) {
    const ast::FromClause& from = *block.from;
    if (!from.joins.empty()) return Unsupported("JOIN, NEST and UNNEST");
    if (from.first.kind != ast::FromSource::Kind::kKeyspace) {
      return Unsupported("An expression or subquery in FROM");
    }
    auto keyspace = BindKeyspace(from.first.keyspace, context);
    if (!keyspace.ok()) return keyspace.status();
    scope.keyspace_aliases.push_back(keyspace->alias);
    auto scan = BuildKeyspaceScan(*keyspace, from.first.use, scope, context);
    if (!scan.ok()) return scan.status();
    children.push_back(*scan);
    children.push_back(
        std::make_shared<Fetch>(keyspace->path, keyspace->alias, keyspace->written_alias));
  } else {
    children.push_back(std::make_shared<DummyScan>());
  }

  std::vector<OperatorPtr> per_row;
  if (block.where) {
    per_row.push_back(
        std::make_shared<Filter>(Formalize(block.where, scope), scope.DefaultAlias()));
  }
  auto project = std::make_shared<InitialProject>(FormalizeProjection(block.projection, scope));
  const Value signature = ProjectionSignature(project->projection);
  per_row.push_back(project);
  children.push_back(std::make_shared<Parallel>(std::make_shared<Sequence>(std::move(per_row)), 0));

  OperatorPtr root = std::make_shared<Sequence>(std::move(children));
  std::vector<OperatorPtr> tail;
  if (!select.order_by.empty()) {
    std::vector<ast::OrderTerm> terms = select.order_by;
    for (auto& term : terms) term.expr = Formalize(term.expr, scope);
    auto order = std::make_shared<Order>(std::move(terms));
    order->limit = select.limit;
    order->offset = select.offset;
    tail.push_back(order);
  }
  if (select.offset) tail.push_back(std::make_shared<Offset>(select.offset));
  if (select.limit) tail.push_back(std::make_shared<Limit>(select.limit));
  if (!tail.empty()) {
    tail.insert(tail.begin(), root);
    root = std::make_shared<Sequence>(std::move(tail));
  }

  auto plan = std::make_shared<PlannedStatement>();
  plan->root = root;
  plan->signature = signature;
  return PlanPtr(plan);
}

}  // namespace casql::plan
