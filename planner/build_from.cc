// FROM: the first term's scan (with Fetch unless covered), then each JOIN, NEST and UNNEST
// in order. Lookup joins (ON KEYS) read the right documents by key; ANSI joins use a
// nested loop keyed by `META(right).id = expr`, a hash join on an equality between the two
// sides, or else a nested loop over the right keyspace's primary index.
#include <algorithm>

#include "planner/build_internal.h"
#include "planner/ops/alias.h"
#include "planner/ops/expression_scan.h"
#include "planner/ops/fetch.h"
#include "planner/ops/hash_join.h"
#include "planner/ops/join.h"
#include "planner/ops/key_scan.h"
#include "planner/ops/nest.h"
#include "planner/ops/nested_loop_join.h"
#include "planner/ops/nested_loop_nest.h"
#include "planner/ops/primary_scan.h"
#include "planner/ops/sequence.h"
#include "planner/ops/unnest.h"

namespace casql::plan {

namespace {

// A FROM name that is a variable in scope (a WITH binding) is an expression, not a keyspace.
bool IsVariableTerm(const ast::FromSource& source, const Scope& outer) {
  const auto& ref = source.keyspace;
  return source.kind == ast::FromSource::Kind::kKeyspace && !ref.expr && ref.ns.empty() &&
         !ref.path.empty() && outer.Knows(ref.path[0]);
}

// A variable term as the expression it stands for: `e.skills` in a correlated subquery is
// the field skills of the enclosing alias e, not a keyspace.
ast::ExprPtr VariableTermExpr(const ast::KeyspaceRef& ref) {
  ast::ExprPtr expr = ast::MakeIdentifier(ref.path[0]);
  for (size_t i = 1; i < ref.path.size(); ++i) expr = ast::MakeField(expr, ref.path[i]);
  return expr;
}

// The implicit alias of an expression term: the last name of a path.
std::string ImplicitAlias(const ast::ExprPtr& expr) {
  if (!expr) return "";
  if (expr->kind == ast::ExprKind::kIdentifier || expr->kind == ast::ExprKind::kField) {
    return expr->name;
  }
  return "";
}

Result<std::string> TermAlias(const ast::FromSource& source, const PlanContext& context,
                              const Scope& outer) {
  if (IsVariableTerm(source, outer)) {
    return source.keyspace.alias.empty() ? source.keyspace.path.back() : source.keyspace.alias;
  }
  switch (source.kind) {
    case ast::FromSource::Kind::kKeyspace: {
      auto bound = BindKeyspace(source.keyspace, context);
      if (!bound.ok()) return bound.status();
      return bound->alias;
    }
    case ast::FromSource::Kind::kExpression: {
      std::string alias = source.alias.empty() ? ImplicitAlias(source.expr) : source.alias;
      if (alias.empty()) {
        return Status(ErrorCode::kSemantics, "FROM expression term must have a name or alias");
      }
      return alias;
    }
    case ast::FromSource::Kind::kSubquery:
      if (source.alias.empty()) {
        return Status(ErrorCode::kSemantics, "FROM Subquery term must have a name or alias");
      }
      return source.alias;
  }
  return Status(ErrorCode::kInternal, "unknown FROM term");
}

Status AddAlias(const std::string& alias, std::vector<std::string>* aliases) {
  for (const auto& a : *aliases) {
    if (a == alias) {
      return Status(ErrorCode::kDuplicateAlias, FormatError(ErrorCode::kDuplicateAlias, {alias}));
    }
  }
  aliases->push_back(alias);
  return Status::OK();
}

Scope Prefix(const Scope& scope, size_t terms) {
  Scope out = scope;
  out.keyspace_aliases.resize(terms);
  return out;
}

// `META(alias).id = e` (either side) with `e` not reading `alias`: the keys to look up.
ast::ExprPtr KeyEquality(const ast::ExprPtr& cond, const std::string& alias) {
  std::vector<ast::ExprPtr> conjuncts;
  SplitConjuncts(cond, &conjuncts);
  for (const auto& c : conjuncts) {
    if (c->kind != ast::ExprKind::kBinary || c->op != ast::ExprOp::kEq) continue;
    for (int side = 0; side < 2; ++side) {
      const auto& k = c->args[side];
      const auto& other = c->args[1 - side];
      const bool is_meta_id = k->kind == ast::ExprKind::kField && k->name == "id" &&
                              k->args[0]->kind == ast::ExprKind::kFunction &&
                              k->args[0]->name == "meta" && k->args[0]->args.size() == 1 &&
                              k->args[0]->args[0]->kind == ast::ExprKind::kIdentifier &&
                              k->args[0]->args[0]->name == alias;
      if (is_meta_id && !RefersTo(other, alias)) return other;
    }
  }
  return nullptr;
}

// The equalities `f(right) = g(left)` of an ANSI join condition, as build/probe pairs.
void HashKeys(const ast::ExprPtr& cond, const std::string& alias,
              const std::vector<std::string>& left_aliases, HashJoin* join) {
  std::vector<ast::ExprPtr> conjuncts;
  SplitConjuncts(cond, &conjuncts);
  for (const auto& c : conjuncts) {
    if (c->kind != ast::ExprKind::kBinary || c->op != ast::ExprOp::kEq) continue;
    for (int side = 0; side < 2; ++side) {
      const auto& build = c->args[side];
      const auto& probe = c->args[1 - side];
      const bool build_reads_left =
          std::any_of(left_aliases.begin(), left_aliases.end(),
                      [&](const std::string& a) { return RefersTo(build, a); });
      if (RefersTo(build, alias) && !build_reads_left && !RefersTo(probe, alias)) {
        join->build_exprs.push_back(build);
        join->probe_exprs.push_back(probe);
        break;
      }
    }
  }
}

// The inner side of an index nested-loop join: an IndexScan3 on an index of the right
// keyspace whose leading key the ON clause constrains, its spans computed from each outer row
// (the left terms' names are known when the inner side starts, as constants are for a
// top-level scan). Null when no index serves the ON clause.
OperatorPtr IndexedInner(const BoundKeyspace& right, const ast::ExprPtr& on, const Scope& after,
                         const PlanContext& context) {
  Scope inner;
  inner.keyspace_aliases = {right.alias};
  inner.variables = after.variables;
  inner.variables.insert(inner.variables.end(), after.keyspace_aliases.begin(),
                         after.keyspace_aliases.end() - 1);
  // The joined document is read whole, so the scan never covers.
  const std::vector<ast::ExprPtr> whole_document{ast::MakeIdentifier(right.alias)};
  auto path = BuildAccessPath(right, ast::UseClause{}, on, whole_document, inner, context, nullptr);
  if (!path.ok() || path->scan->kind() != OpKind::kIndexScan) return nullptr;
  return path->scan;
}

Status BuildAnsiJoin(const ast::FromJoin& join, const BoundKeyspace& right, const Scope& after,
                     const PlanContext& context, std::vector<OperatorPtr>* ops) {
  auto on = FormalizeChecked(join.on, after);
  if (!on.ok()) return on.status();
  auto fetch = std::make_shared<Fetch>(right.path, right.alias, right.written_alias);
  const bool nest = join.kind == ast::JoinKind::kNest;
  auto make_loop = [&](OperatorPtr scan) -> OperatorPtr {
    auto child = std::make_shared<Sequence>(std::vector<OperatorPtr>{std::move(scan), fetch});
    if (nest) return std::make_shared<NestedLoopNest>(right.alias, *on, join.outer, child);
    return std::make_shared<NestedLoopJoin>(right.alias, *on, join.outer, child);
  };
  if (auto keys = KeyEquality(*on, right.alias)) {
    ops->push_back(make_loop(std::make_shared<KeyScan>(keys)));
    return Status::OK();
  }
  if (auto indexed = IndexedInner(right, *on, after, context)) {
    ops->push_back(make_loop(indexed));
    return Status::OK();
  }
  auto scan = BuildKeyspaceScan(right, ast::UseClause{}, after, context);
  if (!scan.ok()) return scan.status();
  if (!nest) {
    auto hash = std::make_shared<HashJoin>(
        right.alias, *on, join.outer,
        std::make_shared<Sequence>(std::vector<OperatorPtr>{*scan, fetch}));
    std::vector<std::string> left = after.keyspace_aliases;
    left.pop_back();
    HashKeys(*on, right.alias, left, hash.get());
    if (!hash->build_exprs.empty()) {
      ops->push_back(hash);
      return Status::OK();
    }
  }
  ops->push_back(make_loop(*scan));
  return Status::OK();
}

Status BuildJoin(const ast::FromJoin& join, const PlanContext& context, const Scope& before,
                 const Scope& after, std::vector<OperatorPtr>* ops) {
  if (join.kind == ast::JoinKind::kUnnest) {
    auto expr = FormalizeChecked(join.right.expr, before);
    if (!expr.ok()) return expr.status();
    const std::string alias = after.keyspace_aliases.back();
    ops->push_back(std::make_shared<Unnest>(*expr, alias, join.outer));
    return Status::OK();
  }
  if (join.right.kind != ast::FromSource::Kind::kKeyspace || IsVariableTerm(join.right, before)) {
    return Status(ErrorCode::kSemantics,
                  "JOIN and NEST of an expression or subquery are not supported by this version "
                  "of casql");
  }
  if (join.on_key) {
    return Status(ErrorCode::kSemantics,
                  "Index joins (ON KEY ... FOR) are not supported by this version of casql");
  }
  auto right = BindKeyspace(join.right.keyspace, context);
  if (!right.ok()) return right.status();
  if (!join.on_keys) return BuildAnsiJoin(join, *right, after, context, ops);
  auto keys = FormalizeChecked(join.on_keys, before);
  if (!keys.ok()) return keys.status();
  if (join.kind == ast::JoinKind::kNest) {
    ops->push_back(
        std::make_shared<Nest>(right->path, right->alias, right->written_alias, *keys, join.outer));
  } else {
    ops->push_back(
        std::make_shared<Join>(right->path, right->alias, right->written_alias, *keys, join.outer));
  }
  return Status::OK();
}

Status BuildFirstTerm(const ast::FromSource& source, const ast::ExprPtr& where,
                      const std::vector<ast::ExprPtr>& used, ScanPagination* pagination,
                      const PlanContext& context, const Scope& scope,
                      std::vector<OperatorPtr>* ops) {
  const std::string alias = scope.keyspace_aliases.front();
  const Scope before = Prefix(scope, 0);
  if (IsVariableTerm(source, before)) {
    ops->push_back(std::make_shared<ExpressionScan>(VariableTermExpr(source.keyspace), alias));
    return Status::OK();
  }
  switch (source.kind) {
    case ast::FromSource::Kind::kExpression: {
      auto expr = FormalizeChecked(source.expr, before);
      if (!expr.ok()) return expr.status();
      ops->push_back(std::make_shared<ExpressionScan>(*expr, alias));
      return Status::OK();
    }
    case ast::FromSource::Kind::kSubquery: {
      auto sub = PlanSelect(*source.subquery, context, before);
      if (!sub.ok()) return sub.status();
      ops->push_back(sub->root);
      ops->push_back(std::make_shared<Alias>(alias));
      return Status::OK();
    }
    case ast::FromSource::Kind::kKeyspace:
      break;
  }
  auto keyspace = BindKeyspace(source.keyspace, context);
  if (!keyspace.ok()) return keyspace.status();
  auto path = BuildAccessPath(*keyspace, source.use, where, used, scope, context, pagination);
  if (!path.ok()) return path.status();
  ops->push_back(path->scan);
  if (!path->covering) {
    ops->push_back(
        std::make_shared<Fetch>(keyspace->path, keyspace->alias, keyspace->written_alias));
  }
  return Status::OK();
}

}  // namespace

Status FromAliases(const ast::FromClause& from, const PlanContext& context, const Scope& outer,
                   std::vector<std::string>* aliases) {
  auto first = TermAlias(from.first, context, outer);
  if (!first.ok()) return first.status();
  CASQL_RETURN_IF_ERROR(AddAlias(*first, aliases));
  for (const auto& join : from.joins) {
    std::string alias;
    if (join.kind == ast::JoinKind::kUnnest) {
      alias = join.right.alias.empty() ? ImplicitAlias(join.right.expr) : join.right.alias;
      if (alias.empty()) {
        return Status(ErrorCode::kSemantics, "UNNEST term must have a name or alias");
      }
    } else {
      auto right = TermAlias(join.right, context, outer);
      if (!right.ok()) return right.status();
      alias = *right;
    }
    CASQL_RETURN_IF_ERROR(AddAlias(alias, aliases));
  }
  return Status::OK();
}

Status BuildFrom(const ast::FromClause& from, const ast::ExprPtr& where,
                 const std::vector<ast::ExprPtr>& used, ScanPagination* pagination,
                 const PlanContext& context, const Scope& scope, std::vector<OperatorPtr>* ops) {
  // Only a single-keyspace query may be covered: joined terms read the documents.
  const std::vector<ast::ExprPtr> whole_document{ast::MakeIdentifier(scope.keyspace_aliases[0])};
  CASQL_RETURN_IF_ERROR(BuildFirstTerm(from.first, where,
                                       from.joins.empty() ? used : whole_document, pagination,
                                       context, Prefix(scope, 1), ops));
  for (size_t i = 0; i < from.joins.size(); ++i) {
    CASQL_RETURN_IF_ERROR(
        BuildJoin(from.joins[i], context, Prefix(scope, i + 1), Prefix(scope, i + 2), ops));
  }
  return Status::OK();
}

}  // namespace casql::plan
