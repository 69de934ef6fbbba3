// INSERT, UPSERT, UPDATE, DELETE and MERGE.
#include <cctype>
#include <utility>

#include "parser/transformer.h"

namespace casql::parser {
namespace {

using ast::ExprPtr;

bool IsToken(antlr4::tree::ParseTree* node, size_t type) {
  auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(node);
  return terminal != nullptr && terminal->getSymbol()->getType() == type;
}

// `KEY k [, VALUE v] [, OPTIONS o]` inside one context: each expression follows its keyword.
ast::InsertValues KeyValueOptions(Transformer& t, antlr4::ParserRuleContext* ctx) {
  ast::InsertValues out;
  ExprPtr* next = nullptr;
  for (antlr4::tree::ParseTree* child : ctx->children) {
    if (IsToken(child, N1qlParser::KEY)) {
      next = &out.key;
    } else if (IsToken(child, N1qlParser::VALUE)) {
      next = &out.value;
    } else if (IsToken(child, N1qlParser::OPTIONS)) {
      next = &out.options;
    } else if (auto* e = dynamic_cast<N1qlParser::ExprContext*>(child); e && next) {
      *next = t.Expr(e);
      next = nullptr;
    }
  }
  return out;
}

ast::Projection Returning(Transformer& t, N1qlParser::ReturningClauseContext* ctx) {
  return ctx ? t.Projection(ctx->projection()) : ast::Projection{};
}

ExprPtr Limit(Transformer& t, N1qlParser::LimitClauseContext* ctx) {
  return ctx ? t.Expr(ctx->expr()) : nullptr;
}

ExprPtr Where(Transformer& t, N1qlParser::WhereClauseContext* ctx) {
  return ctx ? t.Expr(ctx->expr()) : nullptr;
}

// A SET/UNSET target; `meta` tells whether it starts with META(...).
ExprPtr Path(Transformer& t, N1qlParser::PathContext* ctx, bool* meta) {
  const auto names = ctx->identifier();
  ExprPtr e;
  *meta = ctx->LPAREN() != nullptr;
  if (*meta) {
    std::string name = t.Identifier(names[0]);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name != "meta") t.Fail(ctx->getStart(), "Only META() may start a SET or UNSET path");
    std::vector<ExprPtr> args;
    if (names.size() > 1) args.push_back(ast::MakeIdentifier(t.Identifier(names[1])));
    e = ast::MakeFunction("meta", std::move(args));
  } else {
    e = ast::MakeIdentifier(t.Identifier(names[0]));
  }
  for (auto* step : ctx->pathStep()) {
    if (step->fieldName()) {
      e = ast::MakeField(std::move(e), t.FieldName(step->fieldName()));
      continue;
    }
    auto node = std::make_shared<ast::Expr>();
    node->kind = step->DOT() ? ast::ExprKind::kDynamicField : ast::ExprKind::kElement;
    node->args = {std::move(e), t.Expr(step->expr())};
    e = std::move(node);
  }
  return e;
}

std::shared_ptr<ast::UpdateFor> UpdateFor(Transformer& t, N1qlParser::UpdateForContext* ctx) {
  if (ctx == nullptr) return nullptr;
  auto out = std::make_shared<ast::UpdateFor>();
  for (antlr4::tree::ParseTree* child : ctx->children) {
    if (IsToken(child, N1qlParser::FOR)) {
      out->levels.emplace_back();
    } else if (auto* b = dynamic_cast<N1qlParser::BindingContext*>(child)) {
      out->levels.back().push_back(t.Binding(b));
    }
  }
  if (ctx->expr()) out->when = t.Expr(ctx->expr());
  return out;
}

std::vector<ast::SetTerm> Set(Transformer& t, N1qlParser::SetClauseContext* ctx) {
  std::vector<ast::SetTerm> out;
  if (ctx == nullptr) return out;
  for (auto* term : ctx->setTerm()) {
    ast::SetTerm s;
    s.path = Path(t, term->path(), &s.meta);
    if (s.meta && term->path()->pathStep().empty()) {
      t.Fail(term->path()->getStop(), "SET META() needs a field such as expiration");
    }
    s.value = t.Expr(term->expr());
    s.update_for = UpdateFor(t, term->updateFor());
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<ast::UnsetTerm> Unset(Transformer& t, N1qlParser::UnsetClauseContext* ctx) {
  std::vector<ast::UnsetTerm> out;
  if (ctx == nullptr) return out;
  for (auto* term : ctx->unsetTerm()) {
    ast::UnsetTerm u;
    bool meta = false;
    u.path = Path(t, term->path(), &meta);
    if (meta) t.Fail(term->getStart(), "UNSET cannot remove META() fields");
    u.update_for = UpdateFor(t, term->updateFor());
    out.push_back(std::move(u));
  }
  return out;
}

}  // namespace

ast::InsertStatement Transformer::Insert(N1qlParser::InsertStatementContext* ctx) {
  ast::InsertStatement s;
  s.upsert = ctx->UPSERT() != nullptr;
  s.keyspace = KeyspaceRef(ctx->keyspaceRef(), ctx->alias());
  if (auto* values = dynamic_cast<N1qlParser::InsertValuesContext*>(ctx->insertSource())) {
    for (auto* tuple : values->valuesTuple()) {
      const auto exprs = tuple->expr();
      s.values.push_back(
          {Expr(exprs[0]), Expr(exprs[1]), exprs.size() > 2 ? Expr(exprs[2]) : nullptr});
    }
  } else {
    auto* select = dynamic_cast<N1qlParser::InsertSelectContext*>(ctx->insertSource());
    if (select == nullptr) Fail(ctx->getStart(), "syntax error");
    ast::InsertValues header = KeyValueOptions(*this, select);
    s.key_expr = std::move(header.key);
    s.value_expr = std::move(header.value);
    s.options_expr = std::move(header.options);
    s.select = std::make_shared<ast::SelectStatement>(Select(select->selectStatement()));
  }
  s.returning = Returning(*this, ctx->returningClause());
  return s;
}

ast::UpdateStatement Transformer::Update(N1qlParser::UpdateStatementContext* ctx) {
  ast::UpdateStatement s;
  s.keyspace = KeyspaceRef(ctx->keyspaceRef(), ctx->alias());
  s.use = Use(ctx->useClause());
  if (ctx->letClause()) s.let = LetBindings(ctx->letClause()->letBinding());
  s.set = Set(*this, ctx->setClause());
  s.unset = Unset(*this, ctx->unsetClause());
  s.where = Where(*this, ctx->whereClause());
  s.limit = Limit(*this, ctx->limitClause());
  s.returning = Returning(*this, ctx->returningClause());
  return s;
}

ast::DeleteStatement Transformer::Delete(N1qlParser::DeleteStatementContext* ctx) {
  ast::DeleteStatement s;
  s.keyspace = KeyspaceRef(ctx->keyspaceRef(), ctx->alias());
  s.use = Use(ctx->useClause());
  if (ctx->letClause()) s.let = LetBindings(ctx->letClause()->letBinding());
  s.where = Where(*this, ctx->whereClause());
  s.limit = Limit(*this, ctx->limitClause());
  s.returning = Returning(*this, ctx->returningClause());
  return s;
}

ast::MergeStatement Transformer::Merge(N1qlParser::MergeStatementContext* ctx) {
  ast::MergeStatement s;
  s.target = KeyspaceRef(ctx->keyspaceRef(), ctx->alias());
  s.source = FromSource(ctx->fromSource());
  s.on_keys = ctx->KEY() != nullptr;
  s.on = Expr(ctx->expr());
  for (auto* action : ctx->mergeAction()) {
    if (auto* u = dynamic_cast<N1qlParser::MergeUpdateContext*>(action)) {
      if (s.has_update) Fail(u->getStart(), "Duplicate WHEN MATCHED THEN UPDATE");
      s.has_update = true;
      s.update_set = Set(*this, u->setClause());
      s.update_unset = Unset(*this, u->unsetClause());
      s.update_where = Where(*this, u->whereClause());
    } else if (auto* d = dynamic_cast<N1qlParser::MergeDeleteContext*>(action)) {
      if (s.has_delete) Fail(d->getStart(), "Duplicate WHEN MATCHED THEN DELETE");
      s.has_delete = true;
      s.delete_where = Where(*this, d->whereClause());
    } else if (auto* i = dynamic_cast<N1qlParser::MergeInsertContext*>(action)) {
      if (s.has_insert) Fail(i->getStart(), "Duplicate WHEN NOT MATCHED THEN INSERT");
      s.has_insert = true;
      auto* value = i->mergeInsertValue();
      if (value->KEY()) {
        s.insert = KeyValueOptions(*this, value);
      } else {
        s.insert.value = Expr(value->expr(0));
      }
      s.insert_where = Where(*this, i->whereClause());
    }
  }
  s.limit = Limit(*this, ctx->limitClause());
  s.returning = Returning(*this, ctx->returningClause());
  return s;
}

}  // namespace casql::parser
