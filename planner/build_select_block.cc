// One SELECT block: FROM, LET, WHERE, GROUP BY, LETTING, HAVING and the projection, laid out
// as Couchbase's build_select_from.go does: Sequence[<FROM operators>, Parallel{Sequence[Let,
// Filter, InitialProject]}], with grouping as Parallel{Sequence[..., InitialGroup]},
// IntermediateGroup, FinalGroup, Parallel{Sequence[Let (LETTING), Filter (HAVING),
// InitialProject]}, and Distinct after a DISTINCT projection.
#include <unordered_set>

#include "planner/build_internal.h"
#include "planner/grouping.h"
#include "planner/ops/distinct.h"
#include "planner/ops/dummy_scan.h"
#include "planner/ops/filter.h"
#include "planner/ops/final_group.h"
#include "planner/ops/initial_group.h"
#include "planner/ops/initial_project.h"
#include "planner/ops/intermediate_group.h"
#include "planner/ops/let.h"
#include "planner/ops/parallel.h"
#include "planner/ops/sequence.h"

namespace casql::plan {

namespace {

Result<std::vector<ast::LetBinding>> FormalizeBindings(const std::vector<ast::LetBinding>& in,
                                                       Scope* scope) {
  std::vector<ast::LetBinding> out;
  for (const auto& binding : in) {
    auto expr = FormalizeChecked(binding.expr, *scope);
    if (!expr.ok()) return expr.status();
    out.push_back(ast::LetBinding{binding.var, expr.value()});
    CASQL_RETURN_IF_ERROR(scope->AddVariable(binding.var));
  }
  return out;
}

OperatorPtr ParallelSequence(std::vector<OperatorPtr> ops) {
  return std::make_shared<Parallel>(std::make_shared<Sequence>(std::move(ops)), 0);
}

// The clauses of a block after formalization, and what grouping they need.
struct Clauses {
  std::vector<ast::LetBinding> let;
  ast::ExprPtr where;
  std::vector<ast::ExprPtr> group_by;
  std::vector<ast::LetBinding> letting;
  ast::ExprPtr having;
  ast::Projection projection;
  std::vector<ast::OrderTerm> order;
  std::vector<ast::ExprPtr> aggregates;

  bool grouped() const { return !group_by.empty() || !aggregates.empty(); }
  // Every expression of the block: what a covering index would have to provide.
  std::vector<ast::ExprPtr> Used(const Scope& scope) const {
    std::vector<ast::ExprPtr> used;
    for (const auto& b : let) used.push_back(b.expr);
    used.push_back(where);
    for (const auto& g : group_by) used.push_back(g);
    for (const auto& b : letting) used.push_back(b.expr);
    used.push_back(having);
    for (const auto& t : projection.terms) {
      // A bare `*` reads whole documents.
      used.push_back(t.expr ? t.expr : ast::MakeIdentifier(scope.DefaultAlias()));
    }
    for (const auto& o : order) used.push_back(o.expr);
    return used;
  }
};

Result<Clauses> FormalizeClauses(const ast::SelectBlock& block,
                                 const std::vector<ast::OrderTerm>& order_by, Scope* scope) {
  Clauses c;
  auto let = FormalizeBindings(block.let, scope);
  if (!let.ok()) return let.status();
  c.let = std::move(let.value());
  auto where = FormalizeChecked(block.where, *scope);
  if (!where.ok()) return where.status();
  c.where = where.value();
  for (const auto& key : block.group_by) {
    auto formal = FormalizeChecked(key, *scope);
    if (!formal.ok()) return formal.status();
    c.group_by.push_back(formal.value());
  }
  auto letting = FormalizeBindings(block.letting, scope);
  if (!letting.ok()) return letting.status();
  c.letting = std::move(letting.value());
  auto having = FormalizeChecked(block.having, *scope);
  if (!having.ok()) return having.status();
  c.having = having.value();
  c.projection = block.projection;
  for (auto& term : c.projection.terms) {
    auto formal = FormalizeChecked(term.expr, *scope);
    if (!formal.ok()) return formal.status();
    term.expr = formal.value();
  }
  // ORDER BY may name a result term by its AS alias: those names shadow fields of the
  // keyspace. An implicit name (`SELECT Name ... ORDER BY Name`) is the field itself, so it is
  // formalized as the field, as Couchbase prints it.
  Scope order_scope = *scope;
  if (!c.projection.raw) {
    for (const auto& term : c.projection.terms) {
      if (!term.alias.empty()) order_scope.variables.push_back(term.alias);
    }
  }
  c.order = order_by;
  for (auto& term : c.order) {
    auto formal = FormalizeChecked(term.expr, order_scope);
    if (!formal.ok()) return formal.status();
    term.expr = formal.value();
  }
  std::vector<ast::ExprPtr> post_group;
  for (const auto& b : c.letting) post_group.push_back(b.expr);
  post_group.push_back(c.having);
  for (const auto& t : c.projection.terms) post_group.push_back(t.expr);
  for (const auto& o : c.order) post_group.push_back(o.expr);
  for (const auto& e : post_group) CollectAggregates(e, &c.aggregates);
  if (c.where && HasAggregate(c.where)) {
    return Status(ErrorCode::kSemantics, "Aggregates not allowed in WHERE.");
  }
  if (!c.grouped() && (!c.letting.empty() || c.having)) {
    return Status(ErrorCode::kSemantics, "LETTING and HAVING require GROUP BY or aggregates.");
  }
  return c;
}

// 4210 for a term after grouping that reads anything but group keys, aggregates, LETTING
// variables and result aliases.
Status CheckGroupedClauses(const Clauses& c, const std::vector<std::string>& result_names,
                           const Scope& outer) {
  GroupContext group{c.group_by, outer.variables};
  for (const auto& b : c.letting) {
    CASQL_RETURN_IF_ERROR(CheckGrouped(b.expr, group));
    group.variables.push_back(b.var);
  }
  CASQL_RETURN_IF_ERROR(CheckGrouped(c.having, group));
  for (const auto& t : c.projection.terms) {
    if (!t.expr) {
      return Status(ErrorCode::kNotGroupKeyOrAggregate,
                    FormatError(ErrorCode::kNotGroupKeyOrAggregate, {"*"}));
    }
    CASQL_RETURN_IF_ERROR(CheckGrouped(t.expr, group));
  }
  for (const auto& name : result_names) group.variables.push_back(name);
  for (const auto& o : c.order) CASQL_RETURN_IF_ERROR(CheckGrouped(o.expr, group));
  return Status::OK();
}

// Couchbase refuses two result terms with one name, written or implicit, when it formalizes
// the statement, as a 3000 naming the second term's place.
Status CheckResultAliases(const ast::Projection& projection,
                          const std::vector<std::string>& names) {
  std::unordered_set<std::string> seen;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty() || seen.insert(names[i]).second) continue;
    const ast::ResultTerm& term = projection.terms[i];
    std::string where;
    if (term.line > 0) {
      where = " (near line " + std::to_string(term.line) + ", column " +
              std::to_string(term.column) + ")";
    }
    return Status(ErrorCode::kSyntax, "Duplicate result alias '" + names[i] + "'" + where + ".");
  }
  return Status::OK();
}

}  // namespace

Result<SelectPlan> PlanSelectBlock(const ast::SelectBlock& block,
                                   const std::vector<ast::OrderTerm>& order_by,
                                   ScanPagination* pagination, const PlanContext& context,
                                   const Scope& outer) {
  Scope scope = outer;
  if (block.from) {
    CASQL_RETURN_IF_ERROR(FromAliases(*block.from, context, outer, &scope.keyspace_aliases));
  }
  const Scope from_scope = scope;
  auto clauses = FormalizeClauses(block, order_by, &scope);
  if (!clauses.ok()) return clauses.status();
  Clauses& c = clauses.value();
  const std::vector<std::string> names = ProjectionNames(c.projection);
  CASQL_RETURN_IF_ERROR(CheckResultAliases(c.projection, names));
  if (c.grouped()) CASQL_RETURN_IF_ERROR(CheckGroupedClauses(c, names, outer));

  std::vector<OperatorPtr> children;
  if (block.from) {
    // Only a block that keeps every row its scan yields, one for one, may let the scan
    // paginate; BuildFrom also requires the scan to decide the WHERE clause alone.
    const bool rows_kept =
        c.let.empty() && !c.grouped() && !c.projection.distinct && block.from->joins.empty();
    CASQL_RETURN_IF_ERROR(BuildFrom(*block.from, c.where, c.Used(from_scope),
                                    rows_kept ? pagination : nullptr, context, from_scope,
                                    &children));
  } else {
    children.push_back(std::make_shared<DummyScan>());
  }

  std::vector<OperatorPtr> per_row;
  if (!c.let.empty()) per_row.push_back(std::make_shared<Let>(c.let));
  if (c.where) per_row.push_back(std::make_shared<Filter>(c.where, from_scope.DefaultAlias()));
  if (c.grouped()) {
    per_row.push_back(std::make_shared<InitialGroup>(c.group_by, c.aggregates));
    children.push_back(ParallelSequence(std::move(per_row)));
    children.push_back(std::make_shared<IntermediateGroup>(c.group_by, c.aggregates));
    children.push_back(std::make_shared<FinalGroup>(c.group_by, c.aggregates));
    per_row.clear();
    if (!c.letting.empty()) per_row.push_back(std::make_shared<Let>(c.letting));
    if (c.having) per_row.push_back(std::make_shared<Filter>(c.having, ""));
  }
  auto project = std::make_shared<InitialProject>(c.projection);
  project->bind_terms = !c.order.empty();
  per_row.push_back(project);
  children.push_back(ParallelSequence(std::move(per_row)));
  if (c.projection.distinct) children.push_back(std::make_shared<Distinct>());

  SelectPlan plan;
  plan.root = std::make_shared<Sequence>(std::move(children));
  plan.names = names;
  plan.signature = ProjectionSignature(c.projection);
  plan.order = std::move(c.order);
  return plan;
}

}  // namespace casql::plan
