// Access-path choice for one keyspace term (Couchbase's build_scan.go, simplified): USE KEYS
// or a `META(alias).id` predicate -> KeyScan; a secondary index whose leading key the WHERE
// clause constrains -> IndexScan3 (covering when the query reads only the index's keys);
// else the primary index -> PrimaryScan3; else 4000.
#include <algorithm>
#include <utility>

#include "planner/build_internal.h"
#include "planner/ops/index_scan.h"
#include "planner/ops/key_scan.h"
#include "planner/ops/primary_scan.h"

namespace casql::plan {

void SplitConjuncts(const ast::ExprPtr& expr, std::vector<ast::ExprPtr>* out) {
  if (!expr) return;
  if (expr->kind == ast::ExprKind::kBinary && expr->op == ast::ExprOp::kAnd) {
    SplitConjuncts(expr->args[0], out);
    SplitConjuncts(expr->args[1], out);
    return;
  }
  out->push_back(expr);
}

bool RefersTo(const ast::ExprPtr& expr, const std::string& alias) {
  if (!expr) return false;
  if (expr->kind == ast::ExprKind::kSubquery) return true;  // may be correlated
  if (expr->kind == ast::ExprKind::kIdentifier) return expr->name == alias;
  for (const auto& b : expr->bindings) {
    if (RefersTo(b.expr, alias)) return true;
  }
  for (const auto& a : expr->args) {
    if (RefersTo(a, alias)) return true;
  }
  return RefersTo(expr->else_expr, alias);
}

ast::ExprPtr RenameAlias(const ast::ExprPtr& expr, const std::string& from, const std::string& to) {
  if (!expr || expr->kind == ast::ExprKind::kSubquery || from == to) return expr;
  auto out = std::make_shared<ast::Expr>(*expr);
  if (out->kind == ast::ExprKind::kIdentifier && out->name == from) out->name = to;
  for (auto& b : out->bindings) b.expr = RenameAlias(b.expr, from, to);
  for (auto& a : out->args) a = RenameAlias(a, from, to);
  out->else_expr = RenameAlias(out->else_expr, from, to);
  return out;
}

namespace {

bool IsMetaId(const ast::ExprPtr& e, const std::string& alias) {
  return e->kind == ast::ExprKind::kField && e->name == "id" &&
         e->args[0]->kind == ast::ExprKind::kFunction && e->args[0]->name == "meta" &&
         e->args[0]->args.size() == 1 && e->args[0]->args[0]->kind == ast::ExprKind::kIdentifier &&
         e->args[0]->args[0]->name == alias;
}

// A value known before the scan starts: no reference to any keyspace alias or subquery.
bool IsConstant(const ast::ExprPtr& e, const Scope& scope) {
  return std::none_of(scope.keyspace_aliases.begin(), scope.keyspace_aliases.end(),
                      [&](const std::string& a) { return RefersTo(e, a); });
}

ast::ExprPtr KeysFromWhere(const std::vector<ast::ExprPtr>& conjuncts, const std::string& alias,
                           const Scope& scope) {
  for (const auto& c : conjuncts) {
    if (c->kind != ast::ExprKind::kBinary) continue;
    if (c->op == ast::ExprOp::kEq) {
      for (int side = 0; side < 2; ++side) {
        if (IsMetaId(c->args[side], alias) && IsConstant(c->args[1 - side], scope)) {
          return c->args[1 - side];
        }
      }
    }
    if (c->op == ast::ExprOp::kIn && IsMetaId(c->args[0], alias) && IsConstant(c->args[1], scope)) {
      return c->args[1];
    }
  }
  return nullptr;
}

// The smallest string greater than every string starting with `prefix`.
std::string PrefixEnd(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xff) prefix.pop_back();
  if (!prefix.empty()) prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

struct Spans {
  std::vector<IndexRange> ranges;
  bool equality = false;
  // The ranges hold exactly the entries whose key satisfies the predicate they came from:
  // true for =, IN, <, <=, >, >= and BETWEEN (comparisons across types follow the index's
  // collation order); a LIKE prefix or IS NOT NULL range is wider.
  bool exact = false;
};

// Spans over `key` implied by the conjuncts: equality or IN wins; otherwise one range from
// the first lower and the first upper bound found. Empty when nothing constrains `key`.
Spans DeriveSpans(const ast::ExprPtr& key, const std::vector<ast::ExprPtr>& conjuncts,
                  const Scope& scope) {
  Spans out;
  IndexRange range;
  bool bounded = false;
  bool widened = false;
  auto constant = [&](const ast::ExprPtr& e) { return IsConstant(e, scope); };
  for (const auto& c : conjuncts) {
    const auto& a = c->args;
    if (c->kind == ast::ExprKind::kBinary && c->op == ast::ExprOp::kEq) {
      for (int side = 0; side < 2; ++side) {
        if (ast::Equal(a[side], key) && constant(a[1 - side])) {
          out.ranges = {IndexRange{a[1 - side], a[1 - side], true, true}};
          out.equality = true;
          out.exact = true;
          return out;
        }
      }
    }
    if (c->kind == ast::ExprKind::kBinary && c->op == ast::ExprOp::kIn && ast::Equal(a[0], key) &&
        constant(a[1])) {
      std::vector<ast::ExprPtr> values;
      if (a[1]->kind == ast::ExprKind::kArrayConstruct) values = a[1]->args;
      if (a[1]->kind == ast::ExprKind::kLiteral && a[1]->value.IsArray()) {
        for (const Value& v : a[1]->value.AsArray()) values.push_back(ast::MakeLiteral(v));
      }
      if (!values.empty() || a[1]->kind == ast::ExprKind::kArrayConstruct) {
        for (const auto& v : values) out.ranges.push_back(IndexRange{v, v, true, true});
        out.equality = true;
        out.exact = true;
        return out;
      }
    }
    if (c->kind == ast::ExprKind::kBinary &&
        (c->op == ast::ExprOp::kLt || c->op == ast::ExprOp::kLe)) {
      const bool inclusive = c->op == ast::ExprOp::kLe;
      if (ast::Equal(a[0], key) && constant(a[1]) && !range.high) {
        range.high = a[1];
        range.high_inclusive = inclusive;
        bounded = true;
      } else if (ast::Equal(a[1], key) && constant(a[0]) && !range.low) {
        range.low = a[0];
        range.low_inclusive = inclusive;
        bounded = true;
      }
    }
    if (c->kind == ast::ExprKind::kBetween && !c->negated && ast::Equal(a[0], key) &&
        constant(a[1]) && constant(a[2]) && !range.low && !range.high) {
      range = IndexRange{a[1], a[2], true, true};
      bounded = true;
    }
    if (c->kind == ast::ExprKind::kBinary && c->op == ast::ExprOp::kLike && ast::Equal(a[0], key) &&
        a[1]->kind == ast::ExprKind::kLiteral && a[1]->value.IsString() && !range.low &&
        !range.high) {
      const std::string& pattern = a[1]->value.AsString();
      const std::string prefix = pattern.substr(0, pattern.find_first_of("%_\\"));
      if (!prefix.empty()) {
        range = IndexRange{ast::MakeLiteral(Value(prefix)),
                           ast::MakeLiteral(Value(PrefixEnd(prefix))), true, false};
        bounded = true;
        widened = true;
      }
    }
    if (c->kind == ast::ExprKind::kIs && c->negated == (c->is_what != ast::IsWhat::kValued) &&
        (c->is_what == ast::IsWhat::kNull || c->is_what == ast::IsWhat::kValued) &&
        ast::Equal(a[0], key) && !range.low) {
      range.low = ast::MakeLiteral(Value::Null());  // IS NOT NULL / IS VALUED
      bounded = true;
      widened = true;
    }
  }
  if (bounded) {
    // Couchbase writes an open lower end as `null` excluded: MISSING and NULL never qualify.
    if (!range.low) range.low = ast::MakeLiteral(Value::Null());
    out.ranges.push_back(range);
    out.exact = !widened;
  }
  return out;
}

// An array index key `[DISTINCT] ARRAY body FOR v IN src END` is constrained by
// `ANY w IN src SATISFIES cond END` when cond, with w renamed to v, constrains body.
Spans DeriveArraySpans(const ast::ExprPtr& key, const std::vector<ast::ExprPtr>& conjuncts,
                       const Scope& scope) {
  if (key->bindings.size() != 1 || key->args.size() != 1) return {};
  const ast::Binding& index_binding = key->bindings[0];
  Scope inner = scope;
  inner.variables.push_back(index_binding.var);
  for (const auto& c : conjuncts) {
    if (c->kind != ast::ExprKind::kCollectionPred || c->quantifier == ast::Quantifier::kEvery ||
        c->bindings.size() != 1 || !ast::Equal(c->bindings[0].expr, index_binding.expr)) {
      continue;
    }
    std::vector<ast::ExprPtr> inside;
    SplitConjuncts(RenameAlias(c->args[0], c->bindings[0].var, index_binding.var), &inside);
    // Bounds may not read the bound variable itself.
    Scope bound = scope;
    bound.keyspace_aliases.push_back(index_binding.var);
    Spans spans = DeriveSpans(key->args[0], inside, bound);
    if (!spans.ranges.empty()) return spans;
  }
  return {};
}

// True when every use of `alias` in `e` is an index key path or META(alias).id.
bool Covered(const ast::ExprPtr& e, const std::string& alias,
             const std::vector<ast::ExprPtr>& keys) {
  if (!e) return true;
  if (e->kind == ast::ExprKind::kSubquery) return false;
  if (IsMetaId(e, alias)) return true;
  if (std::any_of(keys.begin(), keys.end(), [&](const auto& k) { return ast::Equal(k, e); })) {
    return true;
  }
  if (e->kind == ast::ExprKind::kIdentifier) return e->name != alias;
  for (const auto& b : e->bindings) {
    if (!Covered(b.expr, alias, keys)) return false;
  }
  for (const auto& a : e->args) {
    if (!Covered(a, alias, keys)) return false;
  }
  return Covered(e->else_expr, alias, keys);
}

// `alias.f1.f2...`: the only key shape a covering scan can rebuild a document from.
bool IsFieldPath(const ast::ExprPtr& e, const std::string& alias) {
  if (e->kind == ast::ExprKind::kIdentifier) return e->name == alias;
  return e->kind == ast::ExprKind::kField && IsFieldPath(e->args[0], alias);
}

bool Implies(const std::vector<ast::ExprPtr>& query, const ast::ExprPtr& index_where) {
  std::vector<ast::ExprPtr> needed;
  SplitConjuncts(index_where, &needed);
  return std::all_of(needed.begin(), needed.end(), [&](const ast::ExprPtr& n) {
    return std::any_of(query.begin(), query.end(),
                       [&](const ast::ExprPtr& q) { return ast::Equal(q, n); });
  });
}

bool Hinted(const ast::UseClause& use, const std::string& name) {
  if (use.indexes.empty()) return true;
  return std::any_of(use.indexes.begin(), use.indexes.end(),
                     [&](const ast::IndexRef& r) { return r.name == name; });
}

std::shared_ptr<IndexScan> ChooseIndex(const BoundKeyspace& keyspace, const ast::UseClause& use,
                                       const std::vector<ast::ExprPtr>& conjuncts,
                                       const std::vector<ast::ExprPtr>& used, const Scope& scope,
                                       const PlanContext& context) {
  std::shared_ptr<IndexScan> best;
  bool best_equality = false;
  bool best_partial = false;
  for (IndexInfo index : context.catalog->SecondaryIndexes(keyspace.path)) {
    if (!Hinted(use, index.name) || index.keys.empty()) continue;
    for (auto& k : index.keys) k = RenameAlias(k, index.alias, keyspace.alias);
    index.where = RenameAlias(index.where, index.alias, keyspace.alias);
    index.alias = keyspace.alias;
    if (index.where && !Implies(conjuncts, index.where)) continue;
    const ast::ExprPtr& lead = index.keys.front();
    const bool array_key = lead->kind == ast::ExprKind::kArrayFor;
    Spans spans =
        array_key ? DeriveArraySpans(lead, conjuncts, scope) : DeriveSpans(lead, conjuncts, scope);
    if (spans.ranges.empty() && !spans.equality) continue;
    // An equality span beats a range; then a partial index (its WHERE is implied by the query,
    // so it holds fewer entries) beats a full one, as Couchbase prefers the narrower index.
    const bool partial = index.where != nullptr;
    if (best &&
        std::make_pair(spans.equality, partial) <= std::make_pair(best_equality, best_partial)) {
      continue;
    }
    auto scan = std::make_shared<IndexScan>(keyspace.path, keyspace.written_alias, index);
    scan->spans = std::move(spans.ranges);
    scan->exact = spans.exact && !array_key && conjuncts.size() == 1;
    scan->alias = keyspace.alias;
    const auto& keys = scan->index.keys;
    const bool paths_only = std::all_of(keys.begin(), keys.end(), [&](const ast::ExprPtr& k) {
      return IsFieldPath(k, keyspace.alias) && k->kind != ast::ExprKind::kIdentifier;
    });
    scan->covering = paths_only && std::all_of(used.begin(), used.end(), [&](const auto& e) {
                       return Covered(e, keyspace.alias, keys);
                     });
    if (scan->covering) {
      scan->covers = keys;
      scan->covers.push_back(
          ast::MakeField(ast::MakeFunction("meta", {ast::MakeIdentifier(keyspace.alias)}), "id"));
    }
    best = scan;
    best_equality = spans.equality;
    best_partial = partial;
  }
  return best;
}

}  // namespace

Result<AccessPath> BuildAccessPath(const BoundKeyspace& keyspace, const ast::UseClause& use,
                                   const ast::ExprPtr& where, const std::vector<ast::ExprPtr>& used,
                                   const Scope& scope, const PlanContext& context,
                                   ScanPagination* pagination) {
  const bool paginate = pagination && pagination->limit;
  if (!use.keys) {
    std::vector<ast::ExprPtr> conjuncts;
    SplitConjuncts(where, &conjuncts);
    if (auto keys = KeysFromWhere(conjuncts, keyspace.alias, scope)) {
      return AccessPath{std::make_shared<KeyScan>(keys), false};
    }
    if (auto index = ChooseIndex(keyspace, use, conjuncts, used, scope, context)) {
      if (paginate && index->exact) {
        index->limit = pagination->limit;
        index->offset = pagination->offset;
        pagination->pushed = true;
      }
      return AccessPath{index, index->covering};
    }
  }
  auto scan = BuildKeyspaceScan(keyspace, use, scope, context);
  if (!scan.ok()) return scan.status();
  // System keyspaces are listed whole; their Offset and Limit operators stay.
  if (paginate && !where && (*scan)->kind() == OpKind::kPrimaryScan && !keyspace.path.is_system) {
    const auto& primary = (*scan)->As<PrimaryScan>();
    auto pushed = std::make_shared<PrimaryScan>(primary.keyspace, primary.alias, primary.index);
    pushed->limit = pagination->limit;
    pushed->offset = pagination->offset;
    pagination->pushed = true;
    return AccessPath{pushed, false};
  }
  return AccessPath{*scan, false};
}

}  // namespace casql::plan
