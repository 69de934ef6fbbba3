#pragma once

#include "parser/ast/expression.h"
#include "value/value.h"

namespace casql::exec {

// The arithmetic operators, shared by the operator evaluators and the ADD/SUB/MULT/DIV/MOD/
// NEG functions: MISSING if an operand is MISSING, else NULL if one is not a number; integer
// + - * exact in int64 until they overflow into double; / always in double; % of integers an
// integer remainder; division or remainder by zero NULL. `op` is kAdd, kSub, kMul, kDiv or
// kMod.
Value Arithmetic(ast::ExprOp op, const Value& a, const Value& b);
// Unary minus under the same rules.
Value Negate(const Value& v);

}  // namespace casql::exec
