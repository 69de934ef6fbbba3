// Function calls (with window clauses), CASE, and the collection operators ANY/EVERY,
// ARRAY/FIRST/OBJECT ... FOR ... END.
#include <cctype>
#include <string>
#include <utility>

#include "parser/transformer.h"

namespace casql::parser {
namespace {

using ast::ExprKind;
using ast::ExprPtr;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

ast::Binding Transformer::Binding(N1qlParser::BindingContext* ctx) {
  ast::Binding b;
  const auto names = ctx->identifier();
  if (names.size() == 2) b.name_var = Identifier(names[0]);
  b.var = Identifier(names.back());
  b.within = ctx->WITHIN() != nullptr;
  b.expr = Expr(ctx->expr());
  return b;
}

ExprPtr Transformer::FunctionCall(N1qlParser::FunctionCallContext* ctx) {
  ExprPtr e = ast::MakeFunction(Lower(Identifier(ctx->identifier())), {});
  e->star = ctx->STAR() != nullptr;
  e->distinct = ctx->DISTINCT() != nullptr;
  for (auto* arg : ctx->expr()) e->args.push_back(Expr(arg));
  auto* over = ctx->windowClause();
  if (over == nullptr) return e;
  auto window = std::make_shared<ast::WindowSpec>();
  for (auto* p : over->expr()) window->partition_by.push_back(Expr(p));
  for (auto* term : over->windowOrderTerm()) {
    window->order_by.push_back(Expr(term->expr()));
    window->order_desc.push_back(term->DESC() != nullptr);
  }
  if (auto* frame = over->windowFrame()) {
    // Canonical frame text: keywords upper-case, bound expressions as ToString prints them.
    std::string text;
    for (antlr4::tree::ParseTree* child : frame->children) {
      std::vector<antlr4::tree::ParseTree*> parts;
      if (auto* bound = dynamic_cast<N1qlParser::FrameBoundContext*>(child)) {
        parts = bound->children;
      } else if (auto* exclusion = dynamic_cast<N1qlParser::FrameExclusionContext*>(child)) {
        parts = exclusion->children;
      } else {
        parts = {child};
      }
      for (antlr4::tree::ParseTree* part : parts) {
        if (!text.empty()) text.push_back(' ');
        if (auto* value = dynamic_cast<N1qlParser::BExprContext*>(part)) {
          text.append(ast::ToString(BExpr(value)));
        } else {
          text.append(Upper(part->getText()));
        }
      }
    }
    window->frame = std::move(text);
  }
  e->window = std::move(window);
  return e;
}

ExprPtr Transformer::Case(N1qlParser::CaseExprContext* ctx) {
  auto e = std::make_shared<ast::Expr>();
  e->kind = ExprKind::kCase;
  e->args.push_back(ctx->operand ? Expr(ctx->operand) : nullptr);
  for (auto* when : ctx->whenThen()) {
    e->args.push_back(Expr(when->expr(0)));
    e->args.push_back(Expr(when->expr(1)));
  }
  if (ctx->elseExpr) e->else_expr = Expr(ctx->elseExpr);
  return e;
}

ExprPtr Transformer::Collection(N1qlParser::CollectionExprContext* ctx) {
  auto e = std::make_shared<ast::Expr>();
  std::vector<N1qlParser::BindingContext*> bindings;
  std::vector<N1qlParser::ExprContext*> exprs;
  if (auto* c = dynamic_cast<N1qlParser::QuantifiedExprContext*>(ctx)) {
    e->kind = ExprKind::kCollectionPred;
    auto* q = c->quantifier();
    if (q->EVERY() && (q->ANY() || q->SOME())) {
      e->quantifier = ast::Quantifier::kAnyAndEvery;
    } else if (q->EVERY()) {
      e->quantifier = ast::Quantifier::kEvery;
    } else if (q->SOME()) {
      e->quantifier = ast::Quantifier::kSome;
    }
    bindings = c->binding();
    exprs = {c->expr()};
  } else if (auto* a = dynamic_cast<N1qlParser::ArrayForExprContext*>(ctx)) {
    e->kind = ExprKind::kArrayFor;
    bindings = a->binding();
    exprs = a->expr();
  } else if (auto* f = dynamic_cast<N1qlParser::FirstForExprContext*>(ctx)) {
    e->kind = ExprKind::kFirstFor;
    bindings = f->binding();
    exprs = f->expr();
  } else {
    auto* o = dynamic_cast<N1qlParser::ObjectForExprContext*>(ctx);
    if (o == nullptr) Fail(ctx->getStart(), "syntax error");
    e->kind = ExprKind::kObjectFor;
    bindings = o->binding();
    exprs = o->expr();
  }
  // Source order: the mapping expression(s), then the bindings, then WHEN.
  const size_t mapped = e->kind == ExprKind::kObjectFor ? 2 : 1;
  for (size_t i = 0; i < mapped && i < exprs.size(); ++i) e->args.push_back(Expr(exprs[i]));
  for (auto* b : bindings) e->bindings.push_back(Binding(b));
  if (e->kind != ExprKind::kCollectionPred && exprs.size() > mapped) {
    e->args.push_back(Expr(exprs[mapped]));
  }
  return e;
}

}  // namespace casql::parser
