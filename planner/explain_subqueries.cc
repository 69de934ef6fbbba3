// The subqueries EXPLAIN lists, found by walking the statement's tree with the names in scope
// at each place, in the order explain_subqueries.h gives.
#include "planner/explain_subqueries.h"

#include <unordered_set>

#include "planner/build_internal.h"
#include "planner/ops/send_insert.h"

namespace casql::plan {

namespace {

using Names = std::vector<std::string>;

Names Plus(Names names, const std::string& name) {
  if (!name.empty()) names.push_back(name);
  return names;
}

std::string KeyspaceAlias(const ast::KeyspaceRef& ref) {
  if (!ref.alias.empty()) return ref.alias;
  return ref.path.empty() ? std::string() : ref.path.back();
}

class SubqueryLister {
 public:
  explicit SubqueryLister(const PlanContext& context) : context_(context) {}

  std::vector<ExplainedSubquery> Take() { return std::move(out_); }

  Status Expr(const ast::ExprPtr& expr, const Names& names) {
    if (!expr) return Status::OK();
    if (expr->kind == ast::ExprKind::kSubquery) {
      // A GROUP BY alias repeats its term as a LETTING binding: the same tree, listed once.
      if (!listed_.insert(expr->subquery.get()).second) return Status::OK();
      auto planned = PlanSubquery(*expr, context_, names);
      if (!planned.ok()) return planned.status();
      out_.push_back(ExplainedSubquery{ast::ToString(*expr->subquery), planned->plan->root,
                                       planned->correlated});
      return Select(*expr->subquery, names);
    }
    // FOR/SATISFIES variables are in scope inside the expression that binds them.
    Names inner = names;
    for (const auto& binding : expr->bindings) {
      CASQL_RETURN_IF_ERROR(Expr(binding.expr, inner));
      inner = Plus(Plus(inner, binding.var), binding.name_var);
    }
    for (const auto& arg : expr->args) CASQL_RETURN_IF_ERROR(Expr(arg, inner));
    CASQL_RETURN_IF_ERROR(Expr(expr->else_expr, inner));
    if (expr->window) {
      for (const auto& e : expr->window->partition_by) CASQL_RETURN_IF_ERROR(Expr(e, inner));
      for (const auto& e : expr->window->order_by) CASQL_RETURN_IF_ERROR(Expr(e, inner));
    }
    return Status::OK();
  }

  Status Select(const ast::SelectStatement& select, const Names& outer) {
    Names names = outer;
    for (const auto& binding : select.with) {
      const auto& expr = binding.expr;
      if (binding.recursive && expr->kind == ast::ExprKind::kSubquery &&
          IsRecursiveUnion(*expr->subquery)) {
        // Not one plan but an anchor and a step (the With operator runs them); the step reads
        // the binding's own name. Only the subqueries inside them are listed.
        CASQL_RETURN_IF_ERROR(Term(expr->subquery->first, names, {}));
        CASQL_RETURN_IF_ERROR(
            Term(expr->subquery->set_ops.front().right, Plus(names, binding.alias), {}));
      } else {
        CASQL_RETURN_IF_ERROR(Expr(expr, names));
      }
      names.push_back(binding.alias);
    }
    const bool one_block = select.set_ops.empty() && select.first.block;
    CASQL_RETURN_IF_ERROR(Term(select.first, names, one_block ? select.order_by : Order{}));
    for (const auto& op : select.set_ops) CASQL_RETURN_IF_ERROR(Term(op.right, names, {}));
    if (!one_block) {
      Names over_results = names;
      const ast::Projection* first = FirstProjection(select);
      if (first != nullptr) {
        for (const auto& name : ProjectionNames(*first)) over_results = Plus(over_results, name);
      }
      for (const auto& term : select.order_by) {
        CASQL_RETURN_IF_ERROR(Expr(term.expr, over_results));
      }
    }
    CASQL_RETURN_IF_ERROR(Expr(select.offset, names));
    return Expr(select.limit, names);
  }

  Status Update(const ast::UpdateStatement& update) {
    const Names target{KeyspaceAlias(update.keyspace)};
    CASQL_RETURN_IF_ERROR(Expr(update.use.keys, {}));
    Names names = target;
    CASQL_RETURN_IF_ERROR(Let(update.let, &names));
    CASQL_RETURN_IF_ERROR(Expr(update.where, names));
    CASQL_RETURN_IF_ERROR(SetAndUnset(update.set, update.unset, names));
    CASQL_RETURN_IF_ERROR(Expr(update.limit, names));
    return Projection(update.returning, names);
  }

  Status Delete(const ast::DeleteStatement& del) {
    CASQL_RETURN_IF_ERROR(Expr(del.use.keys, {}));
    Names names{KeyspaceAlias(del.keyspace)};
    CASQL_RETURN_IF_ERROR(Let(del.let, &names));
    CASQL_RETURN_IF_ERROR(Expr(del.where, names));
    CASQL_RETURN_IF_ERROR(Expr(del.limit, names));
    return Projection(del.returning, names);
  }

  Status Insert(const ast::InsertStatement& insert) {
    for (const auto& v : insert.values) {
      CASQL_RETURN_IF_ERROR(Expr(v.key, {}));
      CASQL_RETURN_IF_ERROR(Expr(v.value, {}));
      CASQL_RETURN_IF_ERROR(Expr(v.options, {}));
    }
    if (insert.select) {
      CASQL_RETURN_IF_ERROR(Select(*insert.select, {}));
      const Names source{kInsertSourceAlias};
      CASQL_RETURN_IF_ERROR(Expr(insert.key_expr, source));
      CASQL_RETURN_IF_ERROR(Expr(insert.value_expr, source));
      CASQL_RETURN_IF_ERROR(Expr(insert.options_expr, source));
    }
    return Projection(insert.returning, {KeyspaceAlias(insert.keyspace)});
  }

  Status Merge(const ast::MergeStatement& merge) {
    const ast::FromSource& source = merge.source;
    std::string source_alias = source.alias;
    if (source.kind == ast::FromSource::Kind::kKeyspace) {
      source_alias = KeyspaceAlias(source.keyspace);
      CASQL_RETURN_IF_ERROR(Expr(source.use.keys, {}));
    } else if (source.kind == ast::FromSource::Kind::kSubquery) {
      CASQL_RETURN_IF_ERROR(Select(*source.subquery, {}));
    } else {
      CASQL_RETURN_IF_ERROR(Expr(source.expr, {}));
    }
    const Names names{source_alias, KeyspaceAlias(merge.target)};
    CASQL_RETURN_IF_ERROR(Expr(merge.on, names));
    CASQL_RETURN_IF_ERROR(SetAndUnset(merge.update_set, merge.update_unset, names));
    CASQL_RETURN_IF_ERROR(Expr(merge.update_where, names));
    CASQL_RETURN_IF_ERROR(Expr(merge.delete_where, names));
    CASQL_RETURN_IF_ERROR(Expr(merge.insert.key, names));
    CASQL_RETURN_IF_ERROR(Expr(merge.insert.value, names));
    CASQL_RETURN_IF_ERROR(Expr(merge.insert.options, names));
    CASQL_RETURN_IF_ERROR(Expr(merge.insert_where, names));
    CASQL_RETURN_IF_ERROR(Expr(merge.limit, names));
    return Projection(merge.returning, names);
  }

 private:
  // SET and UNSET terms of UPDATE and of MERGE's WHEN MATCHED THEN UPDATE: each term sees its
  // own FOR variables besides the statement's names.
  Status SetAndUnset(const std::vector<ast::SetTerm>& set, const std::vector<ast::UnsetTerm>& unset,
                     const Names& names) {
    for (const auto& term : set) {
      Names inner = names;
      CASQL_RETURN_IF_ERROR(UpdateFor(term.update_for, &inner));
      CASQL_RETURN_IF_ERROR(Expr(term.path, inner));
      CASQL_RETURN_IF_ERROR(Expr(term.value, inner));
    }
    for (const auto& term : unset) {
      Names inner = names;
      CASQL_RETURN_IF_ERROR(UpdateFor(term.update_for, &inner));
      CASQL_RETURN_IF_ERROR(Expr(term.path, inner));
    }
    return Status::OK();
  }

  using Order = std::vector<ast::OrderTerm>;

  static const ast::Projection* FirstProjection(const ast::SelectStatement& select) {
    const ast::SelectTerm* term = &select.first;
    while (term->subquery) term = &term->subquery->first;
    return term->block ? &term->block->projection : nullptr;
  }

  Status Term(const ast::SelectTerm& term, const Names& names, const Order& order_by) {
    if (term.subquery) return Select(*term.subquery, names);
    return Block(*term.block, names, order_by);
  }

  Status Block(const ast::SelectBlock& block, const Names& outer, const Order& order_by) {
    Names names = outer;
    if (block.from) {
      Scope scope;
      scope.variables = outer;
      std::vector<std::string> aliases;
      CASQL_RETURN_IF_ERROR(FromAliases(*block.from, context_, scope, &aliases));
      CASQL_RETURN_IF_ERROR(Source(block.from->first, names));
      names = Plus(names, aliases[0]);
      for (size_t i = 0; i < block.from->joins.size(); ++i) {
        const ast::FromJoin& join = block.from->joins[i];
        const Names with_right = Plus(names, aliases[i + 1]);
        if (join.kind == ast::JoinKind::kUnnest) {
          CASQL_RETURN_IF_ERROR(Expr(join.right.expr, names));
        } else {
          CASQL_RETURN_IF_ERROR(Source(join.right, names));
          CASQL_RETURN_IF_ERROR(Expr(join.on_keys, names));
          CASQL_RETURN_IF_ERROR(Expr(join.on_key, names));
          CASQL_RETURN_IF_ERROR(Expr(join.on, with_right));
        }
        names = with_right;
      }
    }
    CASQL_RETURN_IF_ERROR(Let(block.let, &names));
    CASQL_RETURN_IF_ERROR(Expr(block.where, names));
    for (const auto& key : block.group_by) CASQL_RETURN_IF_ERROR(Expr(key, names));
    CASQL_RETURN_IF_ERROR(Let(block.letting, &names));
    CASQL_RETURN_IF_ERROR(Expr(block.having, names));
    CASQL_RETURN_IF_ERROR(Projection(block.projection, names));
    // ORDER BY also sees the projection's AS aliases.
    if (!block.projection.raw) {
      for (const auto& term : block.projection.terms) names = Plus(names, term.alias);
    }
    for (const auto& term : order_by) CASQL_RETURN_IF_ERROR(Expr(term.expr, names));
    return Status::OK();
  }

  // A FROM term: a keyspace's USE KEYS, an expression, or a FROM subquery (not listed: its
  // plan is part of the statement's, only the subqueries inside it are).
  Status Source(const ast::FromSource& source, const Names& before) {
    switch (source.kind) {
      case ast::FromSource::Kind::kKeyspace:
        return Expr(source.use.keys, before);
      case ast::FromSource::Kind::kExpression:
        return Expr(source.expr, before);
      case ast::FromSource::Kind::kSubquery:
        return Select(*source.subquery, before);
    }
    return Status::OK();
  }

  Status Projection(const ast::Projection& projection, const Names& names) {
    for (const auto& term : projection.terms) CASQL_RETURN_IF_ERROR(Expr(term.expr, names));
    return Status::OK();
  }

  // LET or LETTING: each binding sees the ones before it; all join `names`.
  Status Let(const std::vector<ast::LetBinding>& bindings, Names* names) {
    for (const auto& binding : bindings) {
      CASQL_RETURN_IF_ERROR(Expr(binding.expr, *names));
      names->push_back(binding.var);
    }
    return Status::OK();
  }

  // The FOR clause of a SET/UNSET term: its variables join `names` for the term.
  Status UpdateFor(const std::shared_ptr<ast::UpdateFor>& clause, Names* names) {
    if (!clause) return Status::OK();
    for (const auto& level : clause->levels) {
      for (const auto& binding : level) {
        CASQL_RETURN_IF_ERROR(Expr(binding.expr, *names));
        *names = Plus(Plus(*names, binding.var), binding.name_var);
      }
    }
    return Expr(clause->when, *names);
  }

  const PlanContext& context_;
  std::vector<ExplainedSubquery> out_;
  std::unordered_set<const ast::SelectStatement*> listed_;
};

}  // namespace

Result<std::vector<ExplainedSubquery>> ListSubqueries(const ast::Statement& statement,
                                                      const PlanContext& context) {
  SubqueryLister lister(context);
  Status status;
  if (const auto* select = std::get_if<ast::SelectStatement>(&statement.body)) {
    status = lister.Select(*select, {});
  } else if (const auto* update = std::get_if<ast::UpdateStatement>(&statement.body)) {
    status = lister.Update(*update);
  } else if (const auto* del = std::get_if<ast::DeleteStatement>(&statement.body)) {
    status = lister.Delete(*del);
  } else if (const auto* insert = std::get_if<ast::InsertStatement>(&statement.body)) {
    status = lister.Insert(*insert);
  } else if (const auto* merge = std::get_if<ast::MergeStatement>(&statement.body)) {
    status = lister.Merge(*merge);
  }
  if (!status.ok()) return status;
  return lister.Take();
}

}  // namespace casql::plan
