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

// Calls `visit` on every value nested anywhere inside `v` (WITHIN's search space) until it
// returns true.
template <typename Visit>
bool AnyDescendant(const Value& v, const Visit& visit) {
  if (v.IsArray()) {
    for (const Value& e : v.AsArray()) {
      if (visit(e) || AnyDescendant(e, visit)) return true;
    }
  } else if (v.IsObject()) {
    for (const auto& entry : v.AsObject()) {
      if (visit(entry.second) || AnyDescendant(entry.second, visit)) return true;
    }
  }
  return false;
}

// x IN arr / x WITHIN arr: TRUE when an element (for WITHIN: any nested value) equals x;
// otherwise NULL if some comparison was NULL, else FALSE. MISSING on either side is MISSING;
// a non-array right side or a NULL x is NULL.
Value In(const Value& a, const Value& b, bool negated, bool within) {
  if (a.IsMissing() || b.IsMissing()) return Value();
  if (!b.IsArray() && !(within && b.IsObject())) return Value::Null();
  if (a.IsNull()) return Value::Null();
  bool saw_null = false;
  auto matches = [&](const Value& e) {
    Value eq = Equals(a, e);
    if (eq.IsNull()) saw_null = true;
    return eq.IsTrue();
  };
  bool found = false;
  if (within) {
    found = AnyDescendant(b, matches);
  } else {
    for (const Value& e : b.AsArray()) {
      if ((found = matches(e))) break;
    }
  }
  if (found) return Value(!negated);
  return saw_null ? Value::Null() : Value(negated);
}

class BinaryEval final : public Evaluator {
 public:
  BinaryEval(ast::ExprOp op, EvaluatorPtr lhs, EvaluatorPtr rhs)
      : op_(op), lhs_(std::move(lhs)), rhs_(std::move(rhs)) {}

  Value Eval(const Row& row, ExecContext& ctx) const override {
    if (op_ == ast::ExprOp::kAnd || op_ == ast::ExprOp::kOr) return Logical(row, ctx);
    Value a_scratch, b_scratch;
    const Value& a = *lhs_->EvalRef(row, ctx, &a_scratch);
    const Value& b = *rhs_->EvalRef(row, ctx, &b_scratch);
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
      case ast::ExprOp::kIn:
        return In(a, b, false, false);
      case ast::ExprOp::kNotIn:
        return In(a, b, true, false);
      case ast::ExprOp::kWithin:
        return In(a, b, false, true);
      case ast::ExprOp::kNotWithin:
        return In(a, b, true, true);
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
      Value scratch;
      const Value& v = *side->EvalRef(row, ctx, &scratch);
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
    Value scratch;
    const Value& v = *arg_->EvalRef(row, ctx, &scratch);
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
    Value scratch;
    const Value& v = *arg_->EvalRef(row, ctx, &scratch);
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
    Value v_scratch, low_scratch, high_scratch;
    const Value& v = *arg_->EvalRef(row, ctx, &v_scratch);
    const Value ge = LessOrEqual(*low_->EvalRef(row, ctx, &low_scratch), v);
    const Value le = LessOrEqual(v, *high_->EvalRef(row, ctx, &high_scratch));
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
