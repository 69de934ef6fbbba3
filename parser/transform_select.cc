// SELECT statements: WITH, set operations, blocks, projections, ORDER BY / LIMIT / OFFSET.
#include <utility>

#include "parser/transformer.h"

namespace casql::parser {
namespace {

ast::SetOp SetOpOf(N1qlParser::SetOperatorContext* ctx) {
  if (ctx->INTERSECT()) return ast::SetOp::kIntersect;
  if (ctx->EXCEPT()) return ast::SetOp::kExcept;
  return ast::SetOp::kUnion;
}

}  // namespace

std::vector<ast::LetBinding> Transformer::LetBindings(
    const std::vector<N1qlParser::LetBindingContext*>& bindings) {
  std::vector<ast::LetBinding> out;
  out.reserve(bindings.size());
  for (auto* b : bindings) out.push_back({Identifier(b->identifier()), Expr(b->expr())});
  return out;
}

ast::Projection Transformer::Projection(N1qlParser::ProjectionContext* ctx) {
  ast::Projection p;
  if (auto* raw = dynamic_cast<N1qlParser::RawProjectionContext*>(ctx)) {
    p.raw = true;
    // Couchbase's grammar allows an alias here; the raw value is still returned unwrapped.
    p.terms.push_back(
        {Expr(raw->expr()), raw->alias() ? Identifier(raw->alias()->identifier()) : "", false});
    return p;
  }
  auto* terms = dynamic_cast<N1qlParser::TermsProjectionContext*>(ctx);
  if (terms == nullptr) Fail(ctx->getStart(), "syntax error");
  for (auto* term : terms->resultTerm()) {
    ast::ResultTerm t;
    if (term->expr()) t.expr = Expr(term->expr());
    t.star = term->STAR() != nullptr;
    if (term->alias()) t.alias = Identifier(term->alias()->identifier());
    if (term->expr()) {
      const antlr4::Token* at = term->expr()->getStart();
      if (term->alias()) {
        at = term->alias()->getStart();
      } else if (t.expr->kind == ast::ExprKind::kField ||
                 t.expr->kind == ast::ExprKind::kIdentifier) {
        at = term->expr()->getStop();
      }
      t.line = at->getLine();
      t.column = at->getCharPositionInLine() + 1;
    }
    p.terms.push_back(std::move(t));
  }
  return p;
}

namespace {

// Kept out of the class: only Select() builds blocks.
struct BlockBuilder {
  Transformer* t;

  std::shared_ptr<ast::SelectBlock> Build(N1qlParser::SelectBlockContext* ctx) {
    auto block = std::make_shared<ast::SelectBlock>();
    block->projection = t->Projection(ctx->projection());
    block->projection.distinct = ctx->DISTINCT() != nullptr;
    if (auto* from = ctx->fromClause()) block->from = From(from);
    if (auto* let = ctx->letClause()) block->let = t->LetBindings(let->letBinding());
    if (auto* where = ctx->whereClause()) block->where = t->Expr(where->expr());
    if (auto* group = ctx->groupByClause()) {
      // A group term's alias is a LETTING binding of the term placed before the written
      // ones, as Couchbase defines it: the name is then usable wherever LETTING names are.
      for (auto* term : group->groupTerm()) {
        ast::ExprPtr key = t->Expr(term->expr());
        block->group_by.push_back(key);
        if (term->alias()) {
          block->letting.push_back(
              ast::LetBinding{t->Identifier(term->alias()->identifier()), key});
        }
      }
      if (auto* letting = group->lettingClause()) {
        for (auto& binding : t->LetBindings(letting->letBinding())) {
          block->letting.push_back(std::move(binding));
        }
      }
      if (auto* having = group->havingClause()) block->having = t->Expr(having->expr());
    }
    return block;
  }

  std::shared_ptr<ast::FromClause> From(N1qlParser::FromClauseContext* ctx) {
    auto from = std::make_shared<ast::FromClause>();
    from->first = t->FromSource(ctx->fromSource());
    for (auto* clause : ctx->joinClause()) from->joins.push_back(Join(clause));
    return from;
  }

  ast::FromJoin Join(N1qlParser::JoinClauseContext* ctx) {
    ast::FromJoin join;
    if (auto* unnest = dynamic_cast<N1qlParser::UnnestContext*>(ctx)) {
      join.kind = ast::JoinKind::kUnnest;
      join.outer = unnest->joinType() && unnest->joinType()->LEFT();
      join.right.kind = ast::FromSource::Kind::kExpression;
      join.right.expr = t->Expr(unnest->expr());
      if (unnest->alias()) join.right.alias = t->Identifier(unnest->alias()->identifier());
      return join;
    }
    auto* c = dynamic_cast<N1qlParser::JoinOrNestContext*>(ctx);
    if (c == nullptr) t->Fail(ctx->getStart(), "syntax error");
    join.kind = c->NEST() ? ast::JoinKind::kNest : ast::JoinKind::kJoin;
    join.outer = c->joinType() && c->joinType()->LEFT();
    join.right = t->FromSource(c->fromSource());
    auto* on = c->joinPredicate();
    if (on->KEYS()) {
      join.on_keys = t->Expr(on->expr());
    } else if (on->KEY()) {
      join.on_key = t->Expr(on->expr());
      join.for_alias = t->Identifier(on->identifier());
    } else {
      join.on = t->Expr(on->expr());
    }
    return join;
  }
};

}  // namespace

ast::SelectStatement Transformer::Select(N1qlParser::SelectStatementContext* ctx) {
  DepthGuard guard(this, ctx);
  ast::SelectStatement select;
  if (auto* with = ctx->withClause()) {
    const bool recursive = with->RECURSIVE() != nullptr;
    for (auto* term : with->withTerm()) {
      ast::WithBinding binding;
      binding.alias = Identifier(term->identifier());
      binding.recursive = recursive;
      if (term->selectStatement()) {
        binding.expr = std::make_shared<ast::Expr>();
        binding.expr->kind = ast::ExprKind::kSubquery;
        binding.expr->subquery =
            std::make_shared<ast::SelectStatement>(Select(term->selectStatement()));
      } else {
        binding.expr = Expr(term->expr(0));
      }
      if (term->OPTIONS()) {
        // Couchbase accepts OPTIONS only on a recursive binding.
        if (!recursive) Fail(term->OPTIONS()->getSymbol(), "syntax error");
        binding.options = Expr(term->expr().back());
      }
      select.with.push_back(std::move(binding));
    }
  }
  BlockBuilder blocks{this};
  auto term = [&](N1qlParser::SelectTermContext* c) {
    ast::SelectTerm out;
    if (c->selectBlock()) {
      out.block = blocks.Build(c->selectBlock());
    } else {
      out.subquery = std::make_shared<ast::SelectStatement>(Select(c->selectStatement()));
    }
    return out;
  };
  const auto terms = ctx->selectTerm();
  const auto ops = ctx->setOperator();
  select.first = term(terms[0]);
  for (size_t i = 0; i < ops.size(); ++i) {
    select.set_ops.push_back({SetOpOf(ops[i]), ops[i]->ALL() != nullptr, term(terms[i + 1])});
  }
  if (auto* order = ctx->orderByClause()) {
    for (auto* o : order->orderTerm()) {
      ast::OrderTerm t;
      t.expr = Expr(o->expr());
      t.desc = o->DESC() != nullptr;
      if (o->NULLS()) t.nulls = o->FIRST() ? ast::NullsOrder::kFirst : ast::NullsOrder::kLast;
      select.order_by.push_back(std::move(t));
    }
  }
  if (auto* limit = ctx->limitClause()) select.limit = Expr(limit->expr());
  if (auto* offset = ctx->offsetClause()) select.offset = Expr(offset->expr());
  return select;
}

}  // namespace casql::parser
