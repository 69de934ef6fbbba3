// FROM sources, keyspace references and USE clauses.
#include <algorithm>
#include <cctype>
#include <utility>

#include "parser/transformer.h"

namespace casql::parser {
namespace {

// Keyspace paths have at most bucket.scope.collection.
constexpr size_t kMaxKeyspaceParts = 3;

// The parts of `a`, `a.b` or `a.b.c` written as plain names, or empty for anything else.
std::vector<std::string> IdentifierChain(const ast::Expr& expr) {
  std::vector<std::string> parts;
  const ast::Expr* e = &expr;
  while (e->kind == ast::ExprKind::kField && parts.size() < kMaxKeyspaceParts) {
    parts.push_back(e->name);
    e = e->args[0].get();
  }
  if (e->kind != ast::ExprKind::kIdentifier || parts.size() >= kMaxKeyspaceParts) return {};
  parts.push_back(e->name);
  std::reverse(parts.begin(), parts.end());
  return parts;
}

}  // namespace

std::string Transformer::IndexUsing(N1qlParser::IndexUsingContext* ctx) {
  if (ctx == nullptr) return "";
  std::string name = ctx->getStop()->getText();
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

ast::UseClause Transformer::Use(N1qlParser::UseClauseContext* ctx) {
  ast::UseClause use;
  if (ctx == nullptr) return use;
  for (auto* option : ctx->useOption()) {
    if (auto* keys = dynamic_cast<N1qlParser::UseKeysContext*>(option)) {
      if (use.keys) Fail(keys->getStart(), "Duplicate USE KEYS");
      use.keys = Expr(keys->expr());
      use.validate_keys = keys->VALIDATE() != nullptr;
    } else if (auto* index = dynamic_cast<N1qlParser::UseIndexContext*>(option)) {
      for (auto* ref : index->indexRef()) {
        ast::IndexRef r;
        if (ref->identifier()) r.name = Identifier(ref->identifier());
        r.using_ = IndexUsing(ref->indexUsing());
        use.indexes.push_back(std::move(r));
      }
    } else if (auto* hash = dynamic_cast<N1qlParser::UseHashContext*>(option)) {
      use.join_hint = hash->BUILD() ? "hash_build" : "hash_probe";
    } else {
      use.join_hint = "nl";
    }
  }
  return use;
}

ast::KeyspaceRef Transformer::KeyspaceRef(N1qlParser::KeyspaceRefContext* ctx,
                                          N1qlParser::AliasContext* alias) {
  ast::KeyspaceRef ref;
  if (ctx->parameter()) {
    ref.expr = Parameter(ctx->parameter());
  } else {
    if (ctx->identifier()) ref.ns = Identifier(ctx->identifier());
    for (auto* part : ctx->keyspacePath()->identifier()) ref.path.push_back(Identifier(part));
  }
  if (alias) ref.alias = Identifier(alias->identifier());
  return ref;
}

ast::FromSource Transformer::FromSource(N1qlParser::FromSourceContext* ctx) {
  ast::FromSource source;
  if (auto* c = dynamic_cast<N1qlParser::NamespacedSourceContext*>(ctx)) {
    source.keyspace.ns = Identifier(c->identifier());
    for (auto* part : c->keyspacePath()->identifier()) {
      source.keyspace.path.push_back(Identifier(part));
    }
    if (c->alias()) source.keyspace.alias = Identifier(c->alias()->identifier());
    source.use = Use(c->useClause());
    return source;
  }
  auto* c = dynamic_cast<N1qlParser::ExprSourceContext*>(ctx);
  if (c == nullptr) Fail(ctx->getStart(), "syntax error");
  ast::ExprPtr expr = Expr(c->expr());
  const std::string alias = c->alias() ? Identifier(c->alias()->identifier()) : "";
  if (std::vector<std::string> path = IdentifierChain(*expr); !path.empty()) {
    source.keyspace.path = std::move(path);
    source.keyspace.alias = alias;
  } else if (expr->kind == ast::ExprKind::kSubquery) {
    source.kind = ast::FromSource::Kind::kSubquery;
    source.subquery = expr->subquery;
    source.alias = alias;
  } else {
    source.kind = ast::FromSource::Kind::kExpression;
    source.expr = std::move(expr);
    source.alias = alias;
  }
  source.use = Use(c->useClause());
  return source;
}

}  // namespace casql::parser
