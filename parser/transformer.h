#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "N1qlParser.h"
#include "parser/ast/expression.h"
#include "parser/ast/statement.h"

// Turns ANTLR parse trees into the AST. One Transformer per parse; the transforms for each
// family of rules live in the transform_*.cc file named after it. Errors are thrown as
// SyntaxError and caught by ParseStatement/ParseExpression.
namespace casql::parser {

using grammar::N1qlParser;

// Expression trees deeper than this are rejected: every consumer of the AST (printer,
// equality, planner, evaluator) walks it recursively.
inline constexpr int kMaxExpressionDepth = 1000;

class Transformer {
 public:
  // `positional_tokens` are the token indexes of the `?` parameters in order, so that each `?`
  // is numbered by its position in the text whatever order the transforms visit it in.
  Transformer(std::string_view text, std::vector<size_t> positional_tokens)
      : text_(text), positional_tokens_(std::move(positional_tokens)) {}

  // transform_statement.cc
  ast::StatementPtr Statement(N1qlParser::StatementContext* ctx);
  ast::StatementPtr InnerStatement(N1qlParser::InnerStatementContext* ctx);

  // transform_select.cc
  ast::SelectStatement Select(N1qlParser::SelectStatementContext* ctx);
  ast::Projection Projection(N1qlParser::ProjectionContext* ctx);
  std::vector<ast::LetBinding> LetBindings(
      const std::vector<N1qlParser::LetBindingContext*>& bindings);

  // transform_from.cc
  ast::FromSource FromSource(N1qlParser::FromSourceContext* ctx);
  ast::KeyspaceRef KeyspaceRef(N1qlParser::KeyspaceRefContext* ctx,
                               N1qlParser::AliasContext* alias);
  ast::UseClause Use(N1qlParser::UseClauseContext* ctx);
  std::string IndexUsing(N1qlParser::IndexUsingContext* ctx);

  // transform_dml.cc
  ast::InsertStatement Insert(N1qlParser::InsertStatementContext* ctx);
  ast::UpdateStatement Update(N1qlParser::UpdateStatementContext* ctx);
  ast::DeleteStatement Delete(N1qlParser::DeleteStatementContext* ctx);
  ast::MergeStatement Merge(N1qlParser::MergeStatementContext* ctx);

  // transform_ddl.cc
  ast::CreateIndexStatement CreateIndex(N1qlParser::CreateIndexStatementContext* ctx);
  ast::DropIndexStatement DropIndex(N1qlParser::DropIndexStatementContext* ctx);
  ast::KeyspaceDdlStatement KeyspaceDdl(N1qlParser::KeyspaceDdlStatementContext* ctx);

  // transform_expression.cc
  ast::ExprPtr Expr(N1qlParser::ExprContext* ctx);
  ast::ExprPtr BExpr(N1qlParser::BExprContext* ctx);
  ast::ExprPtr Parameter(N1qlParser::ParameterContext* ctx);
  std::string Identifier(N1qlParser::IdentifierContext* ctx);
  std::string FieldName(N1qlParser::FieldNameContext* ctx);
  ast::ExprPtr OptionalExpr(N1qlParser::ExprContext* ctx) { return ctx ? Expr(ctx) : nullptr; }

  // transform_function.cc: function calls, CASE, collection operators, bindings.
  ast::ExprPtr FunctionCall(N1qlParser::FunctionCallContext* ctx);
  ast::ExprPtr Case(N1qlParser::CaseExprContext* ctx);
  ast::ExprPtr Collection(N1qlParser::CollectionExprContext* ctx);
  ast::Binding Binding(N1qlParser::BindingContext* ctx);

  [[noreturn]] void Fail(antlr4::Token* at, std::string_view what) const;

 private:
  // Counts the nesting of expressions and subqueries while they are transformed.
  class DepthGuard {
   public:
    DepthGuard(Transformer* t, antlr4::ParserRuleContext* ctx);
    ~DepthGuard() { --t_->depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    Transformer* t_;
  };

  ast::ExprPtr Primary(N1qlParser::PrimaryExprContext* ctx);
  ast::ExprPtr Literal(N1qlParser::LiteralContext* ctx);

  std::string_view text_;
  std::vector<size_t> positional_tokens_;
  int depth_ = 0;
};

}  // namespace casql::parser
