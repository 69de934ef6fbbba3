// Statement dispatch, and the small statements: EXPLAIN, PREPARE, EXECUTE, transactions,
// INFER.
#include <utility>

#include "misc/Interval.h"
#include "parser/lexical.h"
#include "parser/transformer.h"

namespace casql::parser {
namespace {

ast::StatementPtr Wrap(ast::StatementBody body) {
  auto s = std::make_shared<ast::Statement>();
  s->body = std::move(body);
  return s;
}

ast::TransactionStatement Transaction(Transformer& t,
                                      N1qlParser::TransactionStatementContext* ctx) {
  using Action = ast::TransactionStatement::Action;
  ast::TransactionStatement s;
  if (dynamic_cast<N1qlParser::BeginTransactionContext*>(ctx)) {
    s.action = Action::kBegin;
  } else if (dynamic_cast<N1qlParser::CommitTransactionContext*>(ctx)) {
    s.action = Action::kCommit;
  } else if (auto* r = dynamic_cast<N1qlParser::RollbackTransactionContext*>(ctx)) {
    s.action = Action::kRollback;
    if (r->identifier()) s.savepoint = t.Identifier(r->identifier());
  } else if (auto* p = dynamic_cast<N1qlParser::SavepointContext*>(ctx)) {
    s.action = Action::kSavepoint;
    s.savepoint = t.Identifier(p->identifier());
  } else {
    s.action = Action::kSetIsolation;
  }
  return s;
}

}  // namespace

ast::StatementPtr Transformer::Statement(N1qlParser::StatementContext* ctx) {
  if (auto* explain = ctx->explainStatement()) {
    return Wrap(ast::ExplainStatement{InnerStatement(explain->innerStatement())});
  }
  if (auto* prepare = ctx->prepareStatement()) {
    ast::PrepareStatement s;
    s.force = prepare->FORCE() != nullptr;
    if (auto* name = prepare->prepareName()) {
      if (name->identifier()) {
        s.name = Identifier(name->identifier());
      } else {
        std::optional<std::string> decoded = DecodeString(name->getStart()->getText());
        if (!decoded) Fail(name->getStart(), "Invalid escape sequence in string literal");
        s.name = std::move(*decoded);
      }
    }
    auto* inner = prepare->innerStatement();
    s.inner_text = inner->getStart()->getInputStream()->getText(antlr4::misc::Interval(
        inner->getStart()->getStartIndex(), inner->getStop()->getStopIndex()));
    s.inner = InnerStatement(inner);
    return Wrap(std::move(s));
  }
  if (auto* execute = ctx->executeStatement()) {
    ast::ExecuteStatement s;
    if (execute->identifier()) {
      s.name = ast::MakeIdentifier(Identifier(execute->identifier()));
    } else if (execute->parameter()) {
      s.name = Parameter(execute->parameter());
    } else {
      std::optional<std::string> decoded = DecodeString(execute->STRING()->getText());
      if (!decoded) Fail(execute->STRING()->getSymbol(), "Invalid escape sequence");
      s.name = ast::MakeLiteral(Value(std::move(*decoded)));
    }
    if (execute->expr()) s.using_args = Expr(execute->expr());
    return Wrap(std::move(s));
  }
  return InnerStatement(ctx->innerStatement());
}

ast::StatementPtr Transformer::InnerStatement(N1qlParser::InnerStatementContext* ctx) {
  if (auto* c = ctx->selectStatement()) return Wrap(Select(c));
  if (auto* c = ctx->insertStatement()) return Wrap(Insert(c));
  if (auto* c = ctx->updateStatement()) return Wrap(Update(c));
  if (auto* c = ctx->deleteStatement()) return Wrap(Delete(c));
  if (auto* c = ctx->mergeStatement()) return Wrap(Merge(c));
  if (auto* c = ctx->createIndexStatement()) return Wrap(CreateIndex(c));
  if (auto* c = ctx->dropIndexStatement()) return Wrap(DropIndex(c));
  if (auto* c = ctx->keyspaceDdlStatement()) return Wrap(KeyspaceDdl(c));
  if (auto* c = ctx->transactionStatement()) return Wrap(Transaction(*this, c));
  auto* infer = ctx->inferStatement();
  if (infer == nullptr) Fail(ctx->getStart(), "syntax error");
  ast::InferStatement s;
  s.keyspace = KeyspaceRef(infer->keyspaceRef(), nullptr);
  if (infer->expr()) s.with = Expr(infer->expr());
  return Wrap(std::move(s));
}

}  // namespace casql::parser
