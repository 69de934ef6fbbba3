// Expressions: operators, navigation, literals, parameters and constructors.
#include <algorithm>
#include <utility>

#include "parser/lexical.h"
#include "parser/syntax_error.h"
#include "parser/transformer.h"

namespace casql::parser {
namespace {

using ast::ExprKind;
using ast::ExprOp;
using ast::ExprPtr;

ExprPtr MakeNode(ExprKind kind) {
  auto e = std::make_shared<ast::Expr>();
  e->kind = kind;
  return e;
}

}  // namespace

Transformer::DepthGuard::DepthGuard(Transformer* t, antlr4::ParserRuleContext* ctx) : t_(t) {
  if (++t_->depth_ > kMaxExpressionDepth) {
    --t_->depth_;
    t_->Fail(ctx->getStart(), "Expression nesting exceeds the limit");
  }
}

void Transformer::Fail(antlr4::Token* at, std::string_view what) const {
  throw SyntaxError{FormatSyntaxErrorAt(what, text_, at)};
}

std::string Transformer::Identifier(N1qlParser::IdentifierContext* ctx) {
  return DecodeIdentifier(ctx->getStart()->getText());
}

std::string Transformer::FieldName(N1qlParser::FieldNameContext* ctx) {
  if (ctx->identifier()) return Identifier(ctx->identifier());
  return ctx->getStart()->getText();  // a keyword, kept as written
}

ExprPtr Transformer::Expr(N1qlParser::ExprContext* ctx) {
  DepthGuard guard(this, ctx);
  if (auto* c = dynamic_cast<N1qlParser::OperandExprContext*>(ctx)) return BExpr(c->bExpr());
  if (auto* c = dynamic_cast<N1qlParser::AndExprContext*>(ctx)) {
    return ast::MakeBinary(ExprOp::kAnd, Expr(c->expr(0)), Expr(c->expr(1)));
  }
  if (auto* c = dynamic_cast<N1qlParser::OrExprContext*>(ctx)) {
    return ast::MakeBinary(ExprOp::kOr, Expr(c->expr(0)), Expr(c->expr(1)));
  }
  if (auto* c = dynamic_cast<N1qlParser::EqualityExprContext*>(ctx)) {
    const ExprOp op = c->op->getType() == N1qlParser::NE ? ExprOp::kNe : ExprOp::kEq;
    return ast::MakeBinary(op, Expr(c->expr(0)), Expr(c->expr(1)));
  }
  if (auto* c = dynamic_cast<N1qlParser::RelationalExprContext*>(ctx)) {
    ExprPtr lhs = Expr(c->expr(0));
    ExprPtr rhs = Expr(c->expr(1));
    switch (c->op->getType()) {
      case N1qlParser::LT:
        return ast::MakeBinary(ExprOp::kLt, std::move(lhs), std::move(rhs));
      case N1qlParser::LE:
        return ast::MakeBinary(ExprOp::kLe, std::move(lhs), std::move(rhs));
      case N1qlParser::GT:  // stored swapped, as Couchbase does
        return ast::MakeBinary(ExprOp::kLt, std::move(rhs), std::move(lhs));
      default:
        return ast::MakeBinary(ExprOp::kLe, std::move(rhs), std::move(lhs));
    }
  }
  if (auto* c = dynamic_cast<N1qlParser::NotExprContext*>(ctx)) {
    return ast::MakeUnary(ExprOp::kNot, Expr(c->expr()));
  }
  if (auto* c = dynamic_cast<N1qlParser::IsExprContext*>(ctx)) {
    ExprPtr e = MakeNode(ExprKind::kIs);
    e->args.push_back(Expr(c->expr()));
    e->negated = c->NOT() != nullptr;
    if (c->MISSING()) {
      e->is_what = ast::IsWhat::kMissing;
    } else if (c->VALUED() || c->KNOWN()) {
      e->is_what = ast::IsWhat::kValued;
    } else if (c->UNKNOWN()) {
      e->is_what = ast::IsWhat::kUnknown;
    }
    return e;
  }
  if (auto* c = dynamic_cast<N1qlParser::InExprContext*>(ctx)) {
    const bool within = c->WITHIN() != nullptr;
    const bool negated = c->NOT() != nullptr;
    const ExprOp op = within ? (negated ? ExprOp::kNotWithin : ExprOp::kWithin)
                             : (negated ? ExprOp::kNotIn : ExprOp::kIn);
    return ast::MakeBinary(op, Expr(c->expr(0)), Expr(c->expr(1)));
  }
  if (auto* c = dynamic_cast<N1qlParser::BetweenExprContext*>(ctx)) {
    ExprPtr e = MakeNode(ExprKind::kBetween);
    e->negated = c->NOT() != nullptr;
    e->args = {Expr(c->expr()), BExpr(c->bExpr(0)), BExpr(c->bExpr(1))};
    return e;
  }
  if (auto* c = dynamic_cast<N1qlParser::LikeExprContext*>(ctx)) {
    ExprPtr e = ast::MakeBinary(c->NOT() ? ExprOp::kNotLike : ExprOp::kLike, Expr(c->expr()),
                                BExpr(c->bExpr(0)));
    if (c->ESCAPE()) e->args.push_back(BExpr(c->bExpr(1)));
    return e;
  }
  auto* c = dynamic_cast<N1qlParser::ExistsExprContext*>(ctx);
  if (c == nullptr) Fail(ctx->getStart(), "syntax error");
  ExprPtr e = MakeNode(ExprKind::kExists);
  e->args.push_back(Expr(c->expr()));
  return e;
}

ExprPtr Transformer::BExpr(N1qlParser::BExprContext* ctx) {
  DepthGuard guard(this, ctx);
  if (auto* c = dynamic_cast<N1qlParser::PrimaryBExprContext*>(ctx)) {
    return Primary(c->primaryExpr());
  }
  if (auto* c = dynamic_cast<N1qlParser::FieldBExprContext*>(ctx)) {
    return ast::MakeField(BExpr(c->bExpr()), FieldName(c->fieldName()));
  }
  if (auto* c = dynamic_cast<N1qlParser::IndexBExprContext*>(ctx)) {
    ExprPtr e = MakeNode(c->COLON() ? ExprKind::kSlice : ExprKind::kElement);
    e->args = {BExpr(c->bExpr()), Expr(c->expr(0))};
    if (c->expr().size() > 1) e->args.push_back(Expr(c->expr(1)));
    return e;
  }
  if (auto* c = dynamic_cast<N1qlParser::AdditiveBExprContext*>(ctx)) {
    const ExprOp op = c->op->getType() == N1qlParser::PLUS ? ExprOp::kAdd : ExprOp::kSub;
    return ast::MakeBinary(op, BExpr(c->bExpr(0)), BExpr(c->bExpr(1)));
  }
  if (auto* c = dynamic_cast<N1qlParser::MultiplicativeBExprContext*>(ctx)) {
    const size_t type = c->op->getType();
    const ExprOp op = type == N1qlParser::STAR  ? ExprOp::kMul
                      : type == N1qlParser::DIV ? ExprOp::kDiv
                                                : ExprOp::kMod;
    return ast::MakeBinary(op, BExpr(c->bExpr(0)), BExpr(c->bExpr(1)));
  }
  if (auto* c = dynamic_cast<N1qlParser::ConcatBExprContext*>(ctx)) {
    return ast::MakeBinary(ExprOp::kConcat, BExpr(c->bExpr(0)), BExpr(c->bExpr(1)));
  }
  if (auto* c = dynamic_cast<N1qlParser::NegBExprContext*>(ctx)) {
    return ast::MakeUnary(ExprOp::kNeg, BExpr(c->bExpr()));
  }
  auto* c = dynamic_cast<N1qlParser::DynamicFieldBExprContext*>(ctx);
  if (c == nullptr) Fail(ctx->getStart(), "syntax error");
  ExprPtr e = MakeNode(ExprKind::kDynamicField);
  e->args = {BExpr(c->bExpr()), Expr(c->expr())};
  return e;
}

ExprPtr Transformer::Primary(N1qlParser::PrimaryExprContext* ctx) {
  if (auto* c = dynamic_cast<N1qlParser::IdentifierPrimaryContext*>(ctx)) {
    return ast::MakeIdentifier(Identifier(c->identifier()));
  }
  if (auto* c = dynamic_cast<N1qlParser::LiteralPrimaryContext*>(ctx)) {
    return Literal(c->literal());
  }
  if (auto* c = dynamic_cast<N1qlParser::FunctionPrimaryContext*>(ctx)) {
    return FunctionCall(c->functionCall());
  }
  if (auto* c = dynamic_cast<N1qlParser::ParameterPrimaryContext*>(ctx)) {
    return Parameter(c->parameter());
  }
  if (auto* c = dynamic_cast<N1qlParser::ParenPrimaryContext*>(ctx)) return Expr(c->expr());
  if (auto* c = dynamic_cast<N1qlParser::ArrayPrimaryContext*>(ctx)) {
    ExprPtr e = MakeNode(ExprKind::kArrayConstruct);
    for (auto* item : c->expr()) e->args.push_back(Expr(item));
    return e;
  }
  if (auto* c = dynamic_cast<N1qlParser::ObjectPrimaryContext*>(ctx)) {
    ExprPtr e = MakeNode(ExprKind::kObjectConstruct);
    for (auto* member : c->member()) {
      e->args.push_back(Expr(member->expr(0)));
      e->args.push_back(Expr(member->expr(1)));
    }
    return e;
  }
  if (auto* c = dynamic_cast<N1qlParser::SubqueryPrimaryContext*>(ctx)) {
    ExprPtr e = MakeNode(ExprKind::kSubquery);
    e->subquery = std::make_shared<ast::SelectStatement>(Select(c->selectStatement()));
    return e;
  }
  if (auto* c = dynamic_cast<N1qlParser::CasePrimaryContext*>(ctx)) return Case(c->caseExpr());
  auto* c = dynamic_cast<N1qlParser::CollectionPrimaryContext*>(ctx);
  if (c == nullptr) Fail(ctx->getStart(), "syntax error");
  return Collection(c->collectionExpr());
}

ExprPtr Transformer::Literal(N1qlParser::LiteralContext* ctx) {
  antlr4::Token* token = ctx->getStart();
  switch (token->getType()) {
    case N1qlParser::STRING: {
      std::optional<std::string> s = DecodeString(token->getText());
      if (!s) Fail(token, "Invalid escape sequence in string literal");
      return ast::MakeLiteral(Value(std::move(*s)));
    }
    case N1qlParser::INT:
    case N1qlParser::NUM: {
      std::optional<Value> n = DecodeNumber(token->getText(), token->getType() == N1qlParser::INT);
      if (!n) Fail(token, "Number out of range");
      return ast::MakeLiteral(std::move(*n));
    }
    case N1qlParser::TRUE:
      return ast::MakeLiteral(Value(true));
    case N1qlParser::FALSE:
      return ast::MakeLiteral(Value(false));
    case N1qlParser::NULL_:
      return ast::MakeLiteral(Value::Null());
    default:
      return ast::MakeLiteral(Value::Missing());
  }
}

ExprPtr Transformer::Parameter(N1qlParser::ParameterContext* ctx) {
  antlr4::Token* token = ctx->getStart();
  ExprPtr e = MakeNode(ExprKind::kParameter);
  const std::string text = token->getText();
  switch (token->getType()) {
    case N1qlParser::NAMED_PARAM:
      e->name = text.substr(1);
      break;
    case N1qlParser::POSITIONAL_PARAM: {
      std::optional<Value> n = DecodeNumber(std::string_view(text).substr(1), true);
      if (!n || !n->IsInt() || n->AsInt() < 1) Fail(token, "Invalid positional parameter");
      e->position = n->AsInt();
      break;
    }
    default: {
      auto it = std::lower_bound(positional_tokens_.begin(), positional_tokens_.end(),
                                 token->getTokenIndex());
      e->position = static_cast<int64_t>(it - positional_tokens_.begin()) + 1;
      break;
    }
  }
  return e;
}

}  // namespace casql::parser
