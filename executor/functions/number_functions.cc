// Number functions. Integral results are integers (FLOOR(2.5) is 2); everything else is a
// double. A non-number argument gives NULL.
#include <cmath>
#include <limits>
#include <random>

#include "executor/expr/arithmetic.h"
#include "executor/functions/helpers.h"
#include "executor/functions/registry.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;

template <double (*f)(double)>
Value Unary(Args a, ExecContext&) {
  if (!a[0].IsNumber()) return fn::Null();
  return Value(f(a[0].AsDouble()));
}

template <double (*f)(double)>
Value UnaryIntegral(Args a, ExecContext&) {
  if (!a[0].IsNumber()) return fn::Null();
  if (a[0].IsInt()) return a[0];
  return fn::Number(f(a[0].AsDouble()));
}

Value Abs(Args a, ExecContext&) {
  if (!a[0].IsNumber()) return fn::Null();
  if (a[0].IsInt() && a[0].AsInt() != std::numeric_limits<int64_t>::min()) {
    return Value(a[0].AsInt() < 0 ? -a[0].AsInt() : a[0].AsInt());
  }
  return Value(std::fabs(a[0].AsDouble()));
}

Value Atan2(Args a, ExecContext&) {
  if (!a[0].IsNumber() || !a[1].IsNumber()) return fn::Null();
  return Value(std::atan2(a[0].AsDouble(), a[1].AsDouble()));
}

Value Power(Args a, ExecContext&) {
  if (!a[0].IsNumber() || !a[1].IsNumber()) return fn::Null();
  return Value(std::pow(a[0].AsDouble(), a[1].AsDouble()));
}

double ToDegrees(double r) {
  return r * 180.0 / M_PI;
}
double ToRadians(double d) {
  return d * M_PI / 180.0;
}

Value Pi(Args, ExecContext&) {
  return Value(M_PI);
}
Value E(Args, ExecContext&) {
  return Value(M_E);
}

// NaN is neither below nor above zero, so its sign is 0 (as in Couchbase's test cases).
Value Sign(Args a, ExecContext&) {
  if (!a[0].IsNumber()) return fn::Null();
  const double d = a[0].AsDouble();
  return Value(int64_t{(d > 0) - (d < 0)});
}

// ROUND and TRUNC to `digits` decimal places (negative: to tens, hundreds...). ROUND breaks
// ties to the even neighbour, as Couchbase's roundFloat does.
// Scales by a power of ten in the direction that keeps the scale exact (x / 100 rather than
// x * 0.01), applies `f` and scales back.
double AtDigits(double x, int64_t digits, double (*f)(double)) {
  if (!std::isfinite(x) || digits > 308 || digits < -308) return x;
  const double scale = std::pow(10.0, static_cast<double>(digits < 0 ? -digits : digits));
  const double scaled = digits < 0 ? x / scale : x * scale;
  if (!std::isfinite(scaled)) return x;
  return digits < 0 ? f(scaled) * scale : f(scaled) / scale;
}

double RoundHalfEven(double x, int64_t digits) {
  // nearbyint in the default rounding mode: to nearest, ties to even.
  return AtDigits(x, digits, [](double v) { return std::nearbyint(v); });
}

// ROUND_NEAREST breaks ties away from zero (ROUND_NEAREST(2.5) is 3).
double RoundHalfAway(double x, int64_t digits) {
  return AtDigits(x, digits, [](double v) { return std::round(v); });
}

double Truncate(double x, int64_t digits) {
  return AtDigits(x, digits, [](double v) { return std::trunc(v); });
}

template <double (*f)(double, int64_t)>
Value Rounding(Args a, ExecContext&) {
  if (!a[0].IsNumber()) return fn::Null();
  int64_t digits = 0;
  if (a.size() > 1) {
    const auto d = fn::Integer(a[1]);
    if (!d) return fn::Null();
    digits = *d;
  }
  if (a[0].IsInt() && digits >= 0) return a[0];
  const double r = f(a[0].AsDouble(), digits);
  return digits <= 0 ? fn::Number(r) : Value(r);
}

// IDIV and IMOD truncate both operands to integers first; a zero divisor is NULL.
Value IntegerDivision(Args a, bool modulo) {
  if (!a[0].IsNumber() || !a[1].IsNumber()) return fn::Null();
  const double x = std::trunc(a[0].AsDouble()), y = std::trunc(a[1].AsDouble());
  if (y == 0 || !std::isfinite(x) || !std::isfinite(y)) return fn::Null();
  if (std::fabs(x) < 9.2e18 && std::fabs(y) < 9.2e18) {
    const int64_t xi = a[0].IsInt() ? a[0].AsInt() : static_cast<int64_t>(x);
    const int64_t yi = a[1].IsInt() ? a[1].AsInt() : static_cast<int64_t>(y);
    if (yi == -1)
      return modulo ? Value(int64_t{0})
                    : (xi == std::numeric_limits<int64_t>::min() ? Value(-x) : Value(-xi));
    return Value(modulo ? xi % yi : xi / yi);
  }
  return fn::Number(modulo ? std::fmod(x, y) : std::trunc(x / y));
}

Value Idiv(Args a, ExecContext&) {
  return IntegerDivision(a, false);
}
Value Imod(Args a, ExecContext&) {
  return IntegerDivision(a, true);
}

// RANDOM(): a fresh value each call. RANDOM(seed): the first draw of a generator seeded with
// the integer seed, so the same seed gives the same number.
Value Random(Args a, ExecContext&) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  if (a.empty()) {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return Value(unit(engine));
  }
  const auto seed = fn::Integer(a[0]);
  if (!seed) return fn::Null();
  std::mt19937_64 engine(static_cast<uint64_t>(*seed));
  return Value(unit(engine));
}

Value NaN(Args, ExecContext&) {
  return Value(std::nan(""));
}
Value PosInf(Args, ExecContext&) {
  return Value(HUGE_VAL);
}
Value NegInf(Args, ExecContext&) {
  return Value(-HUGE_VAL);
}

// The operators as functions: ADD(a, b) is a + b, and so on.
template <ast::ExprOp op>
Value Operator(Args a, ExecContext&) {
  return Arithmetic(op, a[0], a[1]);
}
Value Neg(Args a, ExecContext&) {
  return Negate(a[0]);
}

double Ln(double x) {
  return std::log(x);
}
double Log10(double x) {
  return std::log10(x);
}
double Sqrt(double x) {
  return std::sqrt(x);
}
double Exp(double x) {
  return std::exp(x);
}
double Sin(double x) {
  return std::sin(x);
}
double Cos(double x) {
  return std::cos(x);
}
double Tan(double x) {
  return std::tan(x);
}
double Asin(double x) {
  return std::asin(x);
}
double Acos(double x) {
  return std::acos(x);
}
double Atan(double x) {
  return std::atan(x);
}
double Ceil(double x) {
  return std::ceil(x);
}
double Floor(double x) {
  return std::floor(x);
}

constexpr FunctionFamily kNum = FunctionFamily::kNumber;
constexpr UnknownArgs kProp = UnknownArgs::kPropagate;

const FunctionDef kNumberFunctions[] = {
    {"abs", 1, 1, true, kProp, kNum, Abs, "Absolute value."},
    {"add", 2, 2, true, kProp, kNum, Operator<ast::ExprOp::kAdd>, "Same as the + operator."},
    {"div", 2, 2, true, kProp, kNum, Operator<ast::ExprOp::kDiv>, "Same as the / operator."},
    {"mod", 2, 2, true, kProp, kNum, Operator<ast::ExprOp::kMod>, "Same as the % operator."},
    {"mult", 2, 2, true, kProp, kNum, Operator<ast::ExprOp::kMul>, "Same as the * operator."},
    {"nan", 0, 0, true, kProp, kNum, NaN, "The number NaN."},
    {"neg", 1, 1, true, kProp, kNum, Neg, "Same as the unary - operator."},
    {"neginf", 0, 0, true, kProp, kNum, NegInf, "The number -Infinity."},
    {"posinf", 0, 0, true, kProp, kNum, PosInf, "The number +Infinity."},
    {"sub", 2, 2, true, kProp, kNum, Operator<ast::ExprOp::kSub>, "Same as the - operator."},
    {"acos", 1, 1, true, kProp, kNum, Unary<Acos>, "Arccosine, in radians."},
    {"asin", 1, 1, true, kProp, kNum, Unary<Asin>, "Arcsine, in radians."},
    {"atan", 1, 1, true, kProp, kNum, Unary<Atan>, "Arctangent, in radians."},
    {"atan2", 2, 2, true, kProp, kNum, Atan2, "Arctangent of y/x, using the signs of both."},
    {"ceil", 1, 1, true, kProp, kNum, UnaryIntegral<Ceil>, "Smallest integer not below the value."},
    {"cos", 1, 1, true, kProp, kNum, Unary<Cos>, "Cosine of an angle in radians."},
    {"degrees", 1, 1, true, kProp, kNum, Unary<ToDegrees>, "Radians converted to degrees."},
    {"deg", 1, 1, true, kProp, kNum, Unary<ToDegrees>, "Same as DEGREES()."},
    {"inf", 0, 0, true, kProp, kNum, PosInf, "Same as POSINF()."},
    {"neg_inf", 0, 0, true, kProp, kNum, NegInf, "Same as NEGINF()."},
    {"pos_inf", 0, 0, true, kProp, kNum, PosInf, "Same as POSINF()."},
    {"rad", 1, 1, true, kProp, kNum, Unary<ToRadians>, "Same as RADIANS()."},
    {"e", 0, 0, true, kProp, kNum, E, "The base of natural logarithms."},
    {"exp", 1, 1, true, kProp, kNum, Unary<Exp>, "e raised to the value."},
    {"floor", 1, 1, true, kProp, kNum, UnaryIntegral<Floor>,
     "Largest integer not above the value."},
    {"idiv", 2, 2, true, kProp, kNum, Idiv,
     "Integer division of the operands truncated to integers; NULL for a zero divisor."},
    {"imod", 2, 2, true, kProp, kNum, Imod,
     "Remainder of the integer division of the truncated operands."},
    {"ln", 1, 1, true, kProp, kNum, Unary<Ln>, "Natural logarithm."},
    {"log", 1, 1, true, kProp, kNum, Unary<Log10>, "Base-10 logarithm."},
    {"pi", 0, 0, true, kProp, kNum, Pi, "The constant pi."},
    {"power", 2, 2, true, kProp, kNum, Power, "The first value raised to the second."},
    {"radians", 1, 1, true, kProp, kNum, Unary<ToRadians>, "Degrees converted to radians."},
    {"random", 0, 1, false, kProp, kNum, Random,
     "A pseudo-random number in [0, 1); with an integer seed, the same number for that seed."},
    {"round", 1, 2, true, kProp, kNum, Rounding<RoundHalfEven>,
     "Rounds to the given number of decimal places (default 0), ties to even."},
    {"round_even", 1, 2, true, kProp, kNum, Rounding<RoundHalfEven>, "Same as ROUND()."},
    {"round_nearest", 1, 2, true, kProp, kNum, Rounding<RoundHalfAway>,
     "Rounds to the given number of decimal places (default 0), ties away from zero."},
    {"sign", 1, 1, true, kProp, kNum, Sign, "-1, 0 or 1 according to the sign."},
    {"sin", 1, 1, true, kProp, kNum, Unary<Sin>, "Sine of an angle in radians."},
    {"sqrt", 1, 1, true, kProp, kNum, Unary<Sqrt>, "Square root."},
    {"tan", 1, 1, true, kProp, kNum, Unary<Tan>, "Tangent of an angle in radians."},
    {"trunc", 1, 2, true, kProp, kNum, Rounding<Truncate>,
     "Truncates to the given number of decimal places (default 0)."},
};

}  // namespace

std::span<const FunctionDef> NumberFunctions() {
  return kNumberFunctions;
}

}  // namespace casql::exec
