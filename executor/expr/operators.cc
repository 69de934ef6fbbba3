// Unary, binary, IS and BETWEEN operators with N1QL's MISSING/NULL rules.
#include <cmath>
#include <limits>

#include "executor/expr/evaluator.h"
#include "executor/expr/truth.h"
#include "value/collation.h"

namespace casql::exec {

bool Truthy(const Value& v) {
  switch (v.type()) {
    case ValueType::kMissing:
    case ValueType::kNull:
      return false;
    case ValueType::kBoolean:
      return v.AsBool();
    case ValueType::kNumber:
      return v.AsDouble() != 0;
    case ValueType::kString:
      return !v.AsString().empty();
    case ValueType::kArray:
      return !v.AsArray().empty();
    case ValueType::kObject:
      return !v.AsObject().empty();
  }
  return false;
}

namespace {

// MISSING if either side is MISSING, else NULL if either is not a number; nullptr when both
// are numbers.
const Value* ArithmeticUnknown(const Value& a, const Value& b, Value* scratch) {
  if (a.IsMissing() || b.IsMissing()) {
    *scratch = Value();
    return scratch;
  }
  if (!a.IsNumber() || !b.IsNumber()) {
    *scratch = Value::Null();
    return scratch;
  }
  return nullptr;
}

Value Arithmetic(ast::ExprOp op, const Value& a, const Value& b) {
  Value unknown;
  if (ArithmeticUnknown(a, b, &unknown)) return unknown;
  if (a.IsInt() && b.IsInt()) {
    const int64_t x = a.AsInt(), y = b.AsInt();
    int64_t r;
    switch (op) {
      case ast::ExprOp::kAdd:
        if (!__builtin_add_overflow(x, y, &r)) return Value(r);
        break;
      case ast::ExprOp::kSub:
        if (!__builtin_sub_overflow(x, y, &r)) return Value(r);
        break;
      case ast::ExprOp::kMul:
        if (!__builtin_mul_overflow(x, y, &r)) return Value(r);
        break;
      case ast::ExprOp::kMod:
        if (y == 0) return Value::Null();
        if (y == -1) return Value(int64_t{0});
        return Value(x % y);
      default:
        break;
    }
  }
  const double x = a.AsDouble(), y = b.AsDouble();
  switch (op) {
    case ast::ExprOp::kAdd:
      return Value(x + y);
    case ast::ExprOp::kSub:
      return Value(x - y);
    case ast::ExprOp::kMul:
      return Value(x * y);
    case ast::ExprOp::kDiv:
      return y == 0 ? Value::Null() : Value(x / y);
    case ast::ExprOp::kMod:
      return y == 0 ? Value::Null() : Value(std::fmod(x, y));
    default:
      return Value::Null();
  }
}

Value Concat(const Value& a, const Value& b) {
  if (a.IsMissing() || b.IsMissing()) return Value();
  if (!a.IsString() || !b.IsString()) return Value::Null();
  return Value(a.AsString() + b.AsString());
}

// LIKE with % (any run) and _ (one character) over bytes; backslash escapes by default.
bool LikeMatch(std::string_view s, std::string_view p) {
  size_t si = 0, pi = 0, star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size() && p[pi] == '\\' && pi + 1 < p.size() && p[pi + 1] == s[si]) {
      pi += 2;
      ++si;
    } else if (pi < p.size() && (p[pi] == '_' || (p[pi] == s[si] && p[pi] != '%'))) {
      ++pi;
      ++si;
    } else if (pi < p.size() && p[pi] == '%') {
      star_p = pi++;
      star_s = si;
    } else if (star_p != std::string_view::npos) {
      pi = star_p + 1;
      si = ++star_s;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '%') ++pi;
  return pi == p.size();
}

Value Like(const Value& a, const Value& b, bool negated) {
  if (a.IsMissing() || b.IsMissing()) return Value();
  if (!a.IsString() || !b.IsString()) return Value::Null();
  return Value(LikeMatch(a.AsString(), b.AsString()) != negated);
}

Value In(const Value& a, const Value& b, bool negated) {
  if (a.IsMissing() || b.IsMissing()) return Value();
  if (!b.IsArray()) return Value::Null();
  if (a.IsNull()) return Value::Null();
  bool saw_null = false;
  for (const Value& e : b.AsArray()) {
    Value eq = Equals(a, e);
    if (eq.IsTrue()) return Value(!negated);
    if (eq.IsNull()) saw_null = true;
  }
  return saw_null ? Value::Null() : Value(negated);
}

class BinaryEval final : public Evaluator {
 public:
  BinaryEval(ast::ExprOp op, EvaluatorPtr lhs, EvaluatorPtr rhs)
      : op_(op), lhs_(std::move(lhs)), rhs_(std::move(rhs)) {}

  Value Eval(const Row& row, ExecContext& ctx) const override {
    if (op_ == ast::ExprOp::kAnd || op_ == ast::ExprOp::kOr) return Logical(row, ctx);
    const Value a = lhs_->Eval(row, ctx);
    const Value b = rhs_->Eval(row, ctx);
    switch (op_) {
      case ast::ExprOp::kEq:
        return Equals(a, b);
      case ast::ExprOp::kNe: {
        Value eq = Equals(a, b);
        return eq.IsBool() ? Value(!eq.AsBool()) : eq;
      }
      case ast::ExprOp::kLt:
        return LessThan(a, b);
      case ast::ExprOp::kLe:
        return LessOrEqual(a, b);
      case ast::ExprOp::kConcat:
        return Concat(a, b);
      case ast::ExprOp::kLike:
        return Like(a, b, false);
      case ast::ExprOp::kNotLike:
        return Like(a, b, true);
      case ast::ExprOp::kIn:
        return In(a, b, false);
      case ast::ExprOp::kNotIn:
        return In(a, b, true);
      default:
        return Arithmetic(op_, a, b);
    }
  }

 private:
  // AND: any false operand decides FALSE; otherwise MISSING beats NULL beats TRUE.
  // OR: any true operand decides TRUE; otherwise NULL beats MISSING beats FALSE.
  Value Logical(const Row& row, ExecContext& ctx) const {
    const bool is_and = op_ == ast::ExprOp::kAnd;
    bool missing = false, null = false;
    for (const Evaluator* side : {lhs_.get(), rhs_.get()}) {
      const Value v = side->Eval(row, ctx);
      if (v.IsMissing()) {
        missing = true;
      } else if (v.IsNull()) {
        null = true;
      } else if (Truthy(v) != is_and) {
        return Value(!is_and);
      }
    }
    if (is_and) return missing ? Value() : (null ? Value::Null() : Value(true));
    return null ? Value::Null() : (missing ? Value() : Value(false));
  }

  ast::ExprOp op_;
  EvaluatorPtr lhs_, rhs_;
};

class UnaryEval final : public Evaluator {
 public:
  UnaryEval(ast::ExprOp op, EvaluatorPtr arg) : op_(op), arg_(std::move(arg)) {}
  Value Eval(const Row& row, ExecContext& ctx) const override {
    const Value v = arg_->Eval(row, ctx);
    if (v.IsMissingOrNull()) return v;
    if (op_ == ast::ExprOp::kNot) return Value(!Truthy(v));
    if (!v.IsNumber()) return Value::Null();
    if (v.IsInt() && v.AsInt() != std::numeric_limits<int64_t>::min()) return Value(-v.AsInt());
    return Value(-v.AsDouble());
  }

 private:
  ast::ExprOp op_;
  EvaluatorPtr arg_;
};

class IsEval final : public Evaluator {
 public:
  IsEval(ast::IsWhat what, bool negated, EvaluatorPtr arg)
      : what_(what), negated_(negated), arg_(std::move(arg)) {}
  Value Eval(const Row& row, ExecContext& ctx) const override {
    const Value v = arg_->Eval(row, ctx);
    switch (what_) {
      case ast::IsWhat::kNull:
        if (v.IsMissing()) return Value();
        return Value(v.IsNull() != negated_);
      case ast::IsWhat::kMissing:
        return Value(v.IsMissing() != negated_);
      case ast::IsWhat::kValued:
        return Value(!v.IsMissingOrNull() != negated_);
      case ast::IsWhat::kUnknown:
        return Value(v.IsMissingOrNull() != negated_);
    }
    return Value();
  }

 private:
  ast::IsWhat what_;
  bool negated_;
  EvaluatorPtr arg_;
};

class BetweenEval final : public Evaluator {
 public:
  BetweenEval(bool negated, EvaluatorPtr arg, EvaluatorPtr low, EvaluatorPtr high)
      : negated_(negated), arg_(std::move(arg)), low_(std::move(low)), high_(std::move(high)) {}
  Value Eval(const Row& row, ExecContext& ctx) const override {
    const Value v = arg_->Eval(row, ctx);
    const Value ge = LessOrEqual(low_->Eval(row, ctx), v);
    const Value le = LessOrEqual(v, high_->Eval(row, ctx));
    if (ge.IsMissing() || le.IsMissing()) return Value();
    if (ge.IsNull() || le.IsNull()) return Value::Null();
    return Value((ge.AsBool() && le.AsBool()) != negated_);
  }

 private:
  bool negated_;
  EvaluatorPtr arg_, low_, high_;
};

}  // namespace

EvaluatorPtr MakeUnary(ast::ExprOp op, EvaluatorPtr arg) {
  return std::make_unique<UnaryEval>(op, std::move(arg));
}
EvaluatorPtr MakeBinary(ast::ExprOp op, EvaluatorPtr lhs, EvaluatorPtr rhs) {
  return std::make_unique<BinaryEval>(op, std::move(lhs), std::move(rhs));
}
EvaluatorPtr MakeIs(ast::IsWhat what, bool negated, EvaluatorPtr arg) {
  return std::make_unique<IsEval>(what, negated, std::move(arg));
}
EvaluatorPtr MakeBetween(bool negated, EvaluatorPtr arg, EvaluatorPtr low, EvaluatorPtr high) {
  return std::make_unique<BetweenEval>(negated, std::move(arg), std::move(low), std::move(high));
}

}  // namespace casql::exec
