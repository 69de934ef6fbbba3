// SELECT statements: WITH, set operations, then ORDER BY / OFFSET / LIMIT over the blocks
// (build_select_block.cc), laid out as Couchbase's build_select.go does:
// Sequence[<blocks>, Order, Offset, Limit], UNION as UnionAll then Distinct.
#include "planner/build_internal.h"
#include "planner/ops/distinct.h"
#include "planner/ops/except_all.h"
#include "planner/ops/intersect_all.h"
#include "planner/ops/limit.h"
#include "planner/ops/offset.h"
#include "planner/ops/order.h"
#include "planner/ops/sequence.h"
#include "planner/ops/union_all.h"
#include "planner/ops/with.h"

namespace casql::plan {

namespace {

Result<SelectPlan> PlanTerm(const ast::SelectTerm& term, const PlanContext& context,
                            const Scope& outer) {
  if (term.subquery) return PlanSelect(*term.subquery, context, outer);
  return PlanSelectBlock(*term.block, {}, nullptr, context, outer);
}

OperatorPtr WithDistinct(OperatorPtr op) {
  return std::make_shared<Sequence>(
      std::vector<OperatorPtr>{std::move(op), std::make_shared<Distinct>()});
}

// Combines the terms left to right; consecutive UNION ALLs share one UnionAll.
Result<SelectPlan> PlanSetOperations(const ast::SelectStatement& select, const PlanContext& context,
                                     const Scope& outer) {
  auto first = PlanTerm(select.first, context, outer);
  if (!first.ok()) return first.status();
  SelectPlan plan = std::move(first.value());
  std::vector<OperatorPtr> union_children{plan.root};
  auto flush_union = [&]() {
    if (union_children.size() > 1) {
      auto op = std::make_shared<UnionAll>(union_children);
      op->names = plan.names;
      plan.root = op;
    }
    union_children = {plan.root};
  };
  for (const auto& op : select.set_ops) {
    auto right = PlanTerm(op.right, context, outer);
    if (!right.ok()) return right.status();
    if (op.op == ast::SetOp::kUnion) {
      union_children.push_back(right->root);
      if (!op.all) {
        flush_union();
        plan.root = WithDistinct(plan.root);
        union_children = {plan.root};
      }
      continue;
    }
    flush_union();
    OperatorPtr combined;
    if (op.op == ast::SetOp::kIntersect) {
      auto intersect = std::make_shared<IntersectAll>(plan.root, right->root);
      intersect->names = plan.names;
      combined = intersect;
    } else {
      auto except = std::make_shared<ExceptAll>(plan.root, right->root);
      except->names = plan.names;
      combined = except;
    }
    plan.root = op.all ? combined : WithDistinct(combined);
    union_children = {plan.root};
  }
  flush_union();
  return plan;
}

// ORDER BY over a set operation sees only the result names of the first block.
Result<std::vector<ast::OrderTerm>> FormalizeOrderOverResults(
    const std::vector<ast::OrderTerm>& order_by, const std::vector<std::string>& names,
    const Scope& outer) {
  Scope scope = outer;
  for (const auto& name : names) {
    if (!name.empty()) scope.variables.push_back(name);
  }
  std::vector<ast::OrderTerm> terms = order_by;
  for (auto& term : terms) term.expr = Formalize(term.expr, scope);
  return terms;
}

// LIMIT n [OFFSET m] may be applied by the scan, which then stops after n + m keys, when
// nothing between the scan and the limit drops, reorders or multiplies rows (the block and
// BuildFrom check the rest).
ScanPagination PushablePagination(const ast::SelectStatement& select) {
  if (!select.limit || !select.order_by.empty()) return {};
  return ScanPagination{select.limit, select.offset};
}

}  // namespace

bool IsRecursiveUnion(const ast::SelectStatement& select) {
  return select.set_ops.size() == 1 && select.set_ops.front().op == ast::SetOp::kUnion &&
         select.order_by.empty() && !select.limit && !select.offset && select.with.empty();
}

Result<SelectPlan> PlanSelect(const ast::SelectStatement& select, const PlanContext& context,
                              const Scope& outer) {
  Scope scope = outer;
  std::vector<ast::LetBinding> with;
  std::vector<OperatorPtr> with_plans;
  std::vector<OperatorPtr> recursive_plans;
  std::vector<bool> recursive_distinct;
  std::vector<ast::ExprPtr> recursive_options;
  for (const auto& binding : select.with) {
    OperatorPtr subplan;
    OperatorPtr step;
    bool distinct = false;
    ast::ExprPtr options;
    if (binding.expr->kind == ast::ExprKind::kSubquery) {
      const ast::SelectStatement& sub = *binding.expr->subquery;
      if (binding.recursive && IsRecursiveUnion(sub)) {
        auto anchor = PlanTerm(sub.first, context, scope);
        if (!anchor.ok()) return anchor.status();
        // The step reads the binding's own name: the rows of the previous round.
        Scope step_scope = scope;
        step_scope.variables.push_back(binding.alias);
        auto planned_step = PlanTerm(sub.set_ops.front().right, context, step_scope);
        if (!planned_step.ok()) return planned_step.status();
        subplan = anchor->root;
        step = planned_step->root;
        distinct = !sub.set_ops.front().all;
        options = Formalize(binding.options, scope);
      } else {
        auto planned = PlanSelect(sub, context, scope);
        if (!planned.ok()) return planned.status();
        subplan = planned->root;
      }
    }
    with.push_back(ast::LetBinding{binding.alias, Formalize(binding.expr, scope)});
    with_plans.push_back(std::move(subplan));
    recursive_plans.push_back(std::move(step));
    recursive_distinct.push_back(distinct);
    recursive_options.push_back(std::move(options));
    scope.variables.push_back(binding.alias);
  }

  SelectPlan plan;
  std::vector<ast::OrderTerm> order;
  ScanPagination pagination = PushablePagination(select);
  if (select.set_ops.empty() && select.first.block) {
    auto block = PlanSelectBlock(*select.first.block, select.order_by, &pagination, context, scope);
    if (!block.ok()) return block.status();
    plan = std::move(block.value());
    order = std::move(plan.order);
  } else {
    auto combined = PlanSetOperations(select, context, scope);
    if (!combined.ok()) return combined.status();
    plan = std::move(combined.value());
    if (!select.order_by.empty()) {
      auto terms = FormalizeOrderOverResults(select.order_by, plan.names, scope);
      if (!terms.ok()) return terms.status();
      order = std::move(terms.value());
    }
  }

  std::vector<OperatorPtr> tail{plan.root};
  if (!order.empty()) {
    auto op = std::make_shared<Order>(std::move(order));
    op->limit = select.limit;
    op->offset = select.offset;
    tail.push_back(op);
  }
  if (select.offset && !pagination.pushed) {
    tail.push_back(std::make_shared<Offset>(select.offset));
  }
  if (select.limit) tail.push_back(std::make_shared<Limit>(select.limit));
  if (tail.size() > 1) plan.root = std::make_shared<Sequence>(std::move(tail));
  if (!with.empty()) {
    auto op = std::make_shared<With>(std::move(with), plan.root);
    op->subquery_plans = std::move(with_plans);
    op->recursive_plans = std::move(recursive_plans);
    op->recursive_distinct = std::move(recursive_distinct);
    op->recursive_options = std::move(recursive_options);
    plan.root = op;
  }
  return plan;
}

Result<PlanPtr> BuildSelect(const ast::SelectStatement& select, const PlanContext& context) {
  auto plan = PlanSelect(select, context, Scope{});
  if (!plan.ok()) return plan.status();
  auto out = std::make_shared<PlannedStatement>();
  out->root = plan->root;
  out->signature = plan->signature;
  return PlanPtr(out);
}

}  // namespace casql::plan
