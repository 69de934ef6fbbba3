// CREATE/DROP INDEX and CREATE/DROP BUCKET|SCOPE|COLLECTION.
#include <utility>

#include "parser/transformer.h"

namespace casql::parser {
namespace {

struct DdlPath {
  std::string ns;
  std::vector<std::string> parts;
};

DdlPath PathOf(Transformer& t, N1qlParser::DdlPathContext* ctx) {
  DdlPath out;
  auto names = ctx->identifier();
  size_t first = 0;
  if (ctx->COLON()) {
    out.ns = t.Identifier(names[0]);
    first = 1;
  }
  for (size_t i = first; i < names.size(); ++i) out.parts.push_back(t.Identifier(names[i]));
  return out;
}

}  // namespace

ast::CreateIndexStatement Transformer::CreateIndex(N1qlParser::CreateIndexStatementContext* ctx) {
  ast::CreateIndexStatement s;
  if (auto* c = dynamic_cast<N1qlParser::CreatePrimaryIndexContext*>(ctx)) {
    s.primary = true;
    if (c->identifier()) s.name = Identifier(c->identifier());
    s.if_not_exists = c->ifNotExists() != nullptr;
    s.keyspace = KeyspaceRef(c->keyspaceRef(), nullptr);
    s.using_ = IndexUsing(c->indexUsing());
    if (c->indexWith()) s.with = Expr(c->indexWith()->expr());
    return s;
  }
  auto* c = dynamic_cast<N1qlParser::CreateSecondaryIndexContext*>(ctx);
  if (c == nullptr) Fail(ctx->getStart(), "syntax error");
  s.name = Identifier(c->identifier());
  s.if_not_exists = c->ifNotExists() != nullptr;
  s.keyspace = KeyspaceRef(c->keyspaceRef(), nullptr);
  for (auto* key : c->indexKey()) {
    ast::IndexKey k;
    k.expr = Expr(key->expr());
    if (key->DISTINCT() || key->ALL()) {
      if (k.expr->kind != ast::ExprKind::kArrayFor) {
        Fail(key->getStart(), "DISTINCT or ALL in an index key must precede ARRAY ... END");
      }
      k.expr->distinct = key->DISTINCT() != nullptr;
    }
    k.desc = key->DESC() != nullptr;
    s.keys.push_back(std::move(k));
  }
  if (c->expr()) s.where = Expr(c->expr());
  s.using_ = IndexUsing(c->indexUsing());
  if (c->indexWith()) s.with = Expr(c->indexWith()->expr());
  return s;
}

ast::DropIndexStatement Transformer::DropIndex(N1qlParser::DropIndexStatementContext* ctx) {
  ast::DropIndexStatement s;
  if (auto* c = dynamic_cast<N1qlParser::DropPrimaryIndexContext*>(ctx)) {
    s.primary = true;
    if (c->identifier()) s.name = Identifier(c->identifier());
    s.if_exists = c->ifExists() != nullptr;
    s.keyspace = KeyspaceRef(c->keyspaceRef(), nullptr);
    s.using_ = IndexUsing(c->indexUsing());
    return s;
  }
  auto* c = dynamic_cast<N1qlParser::DropSecondaryIndexContext*>(ctx);
  if (c == nullptr) Fail(ctx->getStart(), "syntax error");
  DdlPath path = PathOf(*this, c->ddlPath());
  s.if_exists = c->ifExists() != nullptr;
  s.using_ = IndexUsing(c->indexUsing());
  if (c->keyspaceRef()) {
    // DROP INDEX name ON keyspace
    if (!path.ns.empty() || path.parts.size() != 1) {
      Fail(c->ddlPath()->getStart(), "DROP INDEX ... ON takes a plain index name");
    }
    s.name = std::move(path.parts[0]);
    s.keyspace = KeyspaceRef(c->keyspaceRef(), nullptr);
    return s;
  }
  // DROP INDEX keyspace.name: the keyspace is a bucket or a full bucket.scope.collection.
  if (path.parts.size() != 2 && path.parts.size() != 4) {
    Fail(c->ddlPath()->getStop(), "DROP INDEX needs keyspace.index or index ON keyspace");
  }
  s.name = std::move(path.parts.back());
  path.parts.pop_back();
  s.keyspace.ns = std::move(path.ns);
  s.keyspace.path = std::move(path.parts);
  return s;
}

ast::KeyspaceDdlStatement Transformer::KeyspaceDdl(N1qlParser::KeyspaceDdlStatementContext* ctx) {
  using Action = ast::KeyspaceDdlStatement::Action;
  ast::KeyspaceDdlStatement s;
  if (auto* c = dynamic_cast<N1qlParser::CreateBucketContext*>(ctx)) {
    s.action = Action::kCreateBucket;
    s.if_not_exists = c->ifNotExists() != nullptr;
    s.path = {Identifier(c->identifier())};
    return s;
  }
  if (auto* c = dynamic_cast<N1qlParser::DropBucketContext*>(ctx)) {
    s.action = Action::kDropBucket;
    s.if_exists = c->ifExists() != nullptr;
    s.path = {Identifier(c->identifier())};
    return s;
  }
  N1qlParser::DdlPathContext* path_ctx = nullptr;
  bool scope = false;
  if (auto* c = dynamic_cast<N1qlParser::CreateScopeOrCollectionContext*>(ctx)) {
    scope = c->SCOPE() != nullptr;
    s.action = scope ? Action::kCreateScope : Action::kCreateCollection;
    s.if_not_exists = !c->ifNotExists().empty();
    path_ctx = c->ddlPath();
  } else {
    auto* d = dynamic_cast<N1qlParser::DropScopeOrCollectionContext*>(ctx);
    if (d == nullptr) Fail(ctx->getStart(), "syntax error");
    scope = d->SCOPE() != nullptr;
    s.action = scope ? Action::kDropScope : Action::kDropCollection;
    s.if_exists = !d->ifExists().empty();
    path_ctx = d->ddlPath();
  }
  DdlPath path = PathOf(*this, path_ctx);
  if (path.parts.size() > (scope ? 2u : 3u)) {
    Fail(path_ctx->getStop(), scope ? "A scope path is [bucket.]scope"
                                    : "A collection path is [[bucket.]scope.]collection");
  }
  s.ns = std::move(path.ns);
  s.path = std::move(path.parts);
  return s;
}

}  // namespace casql::parser
