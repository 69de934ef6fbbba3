#include "parser/ast/expression.h"

#include <utility>

#include "parser/ast/equality.h"
#include "parser/ast/statement.h"

namespace casql::ast {

bool Binding::operator==(const Binding& other) const {
  return var == other.var && name_var == other.name_var && within == other.within &&
         DeepEqual(expr, other.expr);
}

bool WindowSpec::operator==(const WindowSpec& other) const {
  return DeepEqual(partition_by, other.partition_by) && DeepEqual(order_by, other.order_by) &&
         order_desc == other.order_desc && frame == other.frame;
}

bool Expr::operator==(const Expr& other) const {
  return kind == other.kind && op == other.op && value == other.value && name == other.name &&
         position == other.position && is_what == other.is_what && quantifier == other.quantifier &&
         negated == other.negated && distinct == other.distinct && star == other.star &&
         DeepEqual(args, other.args) && bindings == other.bindings &&
         DeepEqual(else_expr, other.else_expr) && DeepEqual(subquery, other.subquery) &&
         DeepEqual(window, other.window);
}

bool Equal(const ExprPtr& a, const ExprPtr& b) {
  return DeepEqual(a, b);
}

ExprPtr MakeLiteral(Value v) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kLiteral;
  e->value = std::move(v);
  return e;
}

ExprPtr MakeIdentifier(std::string name) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kIdentifier;
  e->name = std::move(name);
  return e;
}

ExprPtr MakeField(ExprPtr base, std::string name) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kField;
  e->name = std::move(name);
  e->args.push_back(std::move(base));
  return e;
}

ExprPtr MakeUnary(ExprOp op, ExprPtr arg) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kUnary;
  e->op = op;
  e->args.push_back(std::move(arg));
  return e;
}

ExprPtr MakeBinary(ExprOp op, ExprPtr lhs, ExprPtr rhs) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kBinary;
  e->op = op;
  e->args.push_back(std::move(lhs));
  e->args.push_back(std::move(rhs));
  return e;
}

ExprPtr MakeFunction(std::string name, std::vector<ExprPtr> args) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kFunction;
  e->name = std::move(name);
  e->args = std::move(args);
  return e;
}

}  // namespace casql::ast
