// The function forms of the comparison operators (EQ, LT, LE, BETWEEN) and of the IS
// predicates (IS_MISSING, IS_NULL, IS_VALUED ...), which Couchbase registers alongside them.
// They see MISSING and NULL themselves and answer as the operators do.
#include "executor/expr/like.h"
#include "executor/functions/helpers.h"
#include "executor/functions/registry.h"
#include "value/collation.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;

Value Eq(Args a, ExecContext&) {
  return Equals(a[0], a[1]);
}
Value Lt(Args a, ExecContext&) {
  return LessThan(a[0], a[1]);
}
Value Le(Args a, ExecContext&) {
  return LessOrEqual(a[0], a[1]);
}

Value Between(Args a, ExecContext&) {
  const Value low = LessOrEqual(a[1], a[0]);
  const Value high = LessOrEqual(a[0], a[2]);
  if (low.IsMissing() || high.IsMissing()) return Value::Missing();
  if (low.IsNull() || high.IsNull()) return fn::Null();
  return Value(low.IsTrue() && high.IsTrue());
}

// LIKE(s, pattern): the LIKE operator with the default escape (backslash).
Value LikeFn(Args a, ExecContext&) {
  return Like(a[0], a[1], Value("\\"), false);
}

Value IsMissing(Args a, ExecContext&) {
  return Value(a[0].IsMissing());
}
Value IsNotMissing(Args a, ExecContext&) {
  return Value(!a[0].IsMissing());
}
// IS [NOT] NULL of MISSING is MISSING.
Value IsNull(Args a, ExecContext&) {
  return a[0].IsMissing() ? Value::Missing() : Value(a[0].IsNull());
}
Value IsNotNull(Args a, ExecContext&) {
  return a[0].IsMissing() ? Value::Missing() : Value(!a[0].IsNull());
}
Value IsValued(Args a, ExecContext&) {
  return Value(!a[0].IsMissing() && !a[0].IsNull());
}
Value IsNotValued(Args a, ExecContext&) {
  return Value(a[0].IsMissing() || a[0].IsNull());
}

constexpr FunctionFamily kCmp = FunctionFamily::kComparison;
constexpr UnknownArgs kRaw = UnknownArgs::kRaw;

const FunctionDef kComparisonFunctions[] = {
    {"between", 3, 3, true, kRaw, kCmp, Between, "Same as the BETWEEN operator."},
    {"eq", 2, 2, true, kRaw, kCmp, Eq, "Same as the = operator."},
    {"is_known", 1, 1, true, kRaw, kCmp, IsValued, "Same as IS VALUED."},
    {"is_missing", 1, 1, true, kRaw, kCmp, IsMissing, "Same as IS MISSING."},
    {"is_not_known", 1, 1, true, kRaw, kCmp, IsNotValued, "Same as IS NOT VALUED."},
    {"is_not_missing", 1, 1, true, kRaw, kCmp, IsNotMissing, "Same as IS NOT MISSING."},
    {"is_not_null", 1, 1, true, kRaw, kCmp, IsNotNull, "Same as IS NOT NULL."},
    {"is_not_unknown", 1, 1, true, kRaw, kCmp, IsValued, "Same as IS NOT UNKNOWN."},
    {"is_not_valued", 1, 1, true, kRaw, kCmp, IsNotValued, "Same as IS NOT VALUED."},
    {"is_null", 1, 1, true, kRaw, kCmp, IsNull, "Same as IS NULL."},
    {"is_unknown", 1, 1, true, kRaw, kCmp, IsNotValued, "Same as IS UNKNOWN."},
    {"is_valued", 1, 1, true, kRaw, kCmp, IsValued, "Same as IS VALUED."},
    {"isknown", 1, 1, true, kRaw, kCmp, IsValued, "Same as IS VALUED."},
    {"ismissing", 1, 1, true, kRaw, kCmp, IsMissing, "Same as IS MISSING."},
    {"isnotknown", 1, 1, true, kRaw, kCmp, IsNotValued, "Same as IS NOT VALUED."},
    {"isnotmissing", 1, 1, true, kRaw, kCmp, IsNotMissing, "Same as IS NOT MISSING."},
    {"isnotnull", 1, 1, true, kRaw, kCmp, IsNotNull, "Same as IS NOT NULL."},
    {"isnotunknown", 1, 1, true, kRaw, kCmp, IsValued, "Same as IS NOT UNKNOWN."},
    {"isnotvalued", 1, 1, true, kRaw, kCmp, IsNotValued, "Same as IS NOT VALUED."},
    {"isnull", 1, 1, true, kRaw, kCmp, IsNull, "Same as IS NULL."},
    {"isunknown", 1, 1, true, kRaw, kCmp, IsNotValued, "Same as IS UNKNOWN."},
    {"isvalued", 1, 1, true, kRaw, kCmp, IsValued, "Same as IS VALUED."},
    {"le", 2, 2, true, kRaw, kCmp, Le, "Same as the <= operator."},
    {"like", 2, 2, true, kRaw, kCmp, LikeFn, "Same as the LIKE operator."},
    {"lt", 2, 2, true, kRaw, kCmp, Lt, "Same as the < operator."},
};

}  // namespace

std::span<const FunctionDef> ComparisonFunctions() {
  return kComparisonFunctions;
}

}  // namespace casql::exec
