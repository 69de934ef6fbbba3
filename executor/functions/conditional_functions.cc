// Conditional functions for unknowns (IFMISSING ...) and for special numbers (IFINF ...).
// They see MISSING and NULL arguments themselves.
#include <cmath>

#include "executor/functions/helpers.h"
#include "executor/functions/registry.h"
#include "value/collation.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;

Value IfMissing(Args a, ExecContext&) {
  for (const Value& v : a) {
    if (!v.IsMissing()) return v;
  }
  return fn::Null();
}

Value IfMissingOrNull(Args a, ExecContext&) {
  for (const Value& v : a) {
    if (!v.IsMissingOrNull()) return v;
  }
  return fn::Null();
}

// IFNULL: the first argument that is not NULL (which may be MISSING).
Value IfNull(Args a, ExecContext&) {
  for (const Value& v : a) {
    if (!v.IsNull()) return v;
  }
  return fn::Null();
}

Value Nvl(Args a, ExecContext&) {
  return a[0].IsMissingOrNull() ? a[1] : a[0];
}

Value Nvl2(Args a, ExecContext&) {
  return a[0].IsMissingOrNull() ? a[2] : a[1];
}

// MISSINGIF, NULLIF and the special-number forms below: an equality that is itself unknown
// (arrays holding NULL) makes the result unknown, as in Couchbase.
Value MissingIf(Args a, ExecContext&) {
  const Value eq = Equals(a[0], a[1]);
  if (!eq.IsBool()) return eq;
  return eq.AsBool() ? Value() : a[0];
}

Value NullIf(Args a, ExecContext&) {
  const Value eq = Equals(a[0], a[1]);
  if (!eq.IsBool()) return eq;
  return eq.AsBool() ? fn::Null() : a[0];
}

// DECODE(expr, search1, result1 [, search2, result2 ...] [, default]): the result of the
// first search equal to expr (NULL matches NULL and MISSING matches MISSING, as Couchbase's
// own test cases expect), else the default or NULL.
Value Decode(Args a, ExecContext&) {
  size_t i = 1;
  for (; i + 1 < a.size(); i += 2) {
    const bool both_null = a[0].IsNull() && a[i].IsNull();
    const bool both_missing = a[0].IsMissing() && a[i].IsMissing();
    if (both_null || both_missing || Equals(a[0], a[i]).IsTrue()) return a[i + 1];
  }
  return i < a.size() ? a[i] : fn::Null();
}

// GREATEST/LEAST: by collation over the arguments that are neither MISSING nor NULL.
template <bool greatest>
Value Extreme(Args a, ExecContext&) {
  const Value* best = nullptr;
  for (const Value& v : a) {
    if (v.IsMissingOrNull()) continue;
    if (!best || (Collate(v, *best) > 0) == greatest) best = &v;
  }
  return best ? *best : fn::Null();
}

// IFINF / IFNAN / IFNANORINF: the first argument that is a number without the defect,
// skipping MISSING; a non-number (NULL included) stops the search with NULL.
template <bool skip_inf, bool skip_nan>
Value IfSpecial(Args a, ExecContext&) {
  for (const Value& v : a) {
    if (v.IsMissing()) continue;
    if (!v.IsNumber()) return fn::Null();
    const double d = v.AsDouble();
    if ((skip_inf && std::isinf(d)) || (skip_nan && std::isnan(d))) continue;
    return v;
  }
  return fn::Null();
}

// NANIF / NEGINFIF / POSINFIF: the special number when the two arguments are equal, else the
// first.
template <int which>
Value SpecialIf(Args a, ExecContext&) {
  const Value eq = Equals(a[0], a[1]);
  if (!eq.IsBool()) return eq;
  if (!eq.AsBool()) return a[0];
  if (which == 0) return Value(std::nan(""));
  return Value(which < 0 ? -HUGE_VAL : HUGE_VAL);
}

constexpr FunctionFamily kCond = FunctionFamily::kConditional;
constexpr UnknownArgs kRaw = UnknownArgs::kRaw;
constexpr UnknownArgs kProp = UnknownArgs::kPropagate;

const FunctionDef kConditionalFunctions[] = {
    {"coalesce", 2, kVariadic, true, kRaw, kCond, IfMissingOrNull, "Same as IFMISSINGORNULL()."},
    {"decode", 3, kVariadic, true, kRaw, kCond, Decode,
     "The result paired with the first search value equal to the expression (NULL matches "
     "NULL, MISSING matches MISSING)."},
    {"greatest", 2, kVariadic, true, kRaw, kCond, Extreme<true>,
     "Largest argument by collation, ignoring MISSING and NULL."},
    {"ifinf", 2, kVariadic, true, kRaw, kCond, IfSpecial<true, false>,
     "First number that is not infinite (MISSING skipped; NULL at a non-number)."},
    {"if_inf", 2, kVariadic, true, kRaw, kCond, IfSpecial<true, false>, "Same as IFINF()."},
    {"if_missing", 2, kVariadic, true, kRaw, kCond, IfMissing, "Same as IFMISSING()."},
    {"if_missing_or_null", 2, kVariadic, true, kRaw, kCond, IfMissingOrNull,
     "Same as IFMISSINGORNULL()."},
    {"if_nan", 2, kVariadic, true, kRaw, kCond, IfSpecial<false, true>, "Same as IFNAN()."},
    {"if_nan_or_inf", 2, kVariadic, true, kRaw, kCond, IfSpecial<true, true>,
     "Same as IFNANORINF()."},
    {"if_null", 2, kVariadic, true, kRaw, kCond, IfNull, "Same as IFNULL()."},
    {"ifmissing", 2, kVariadic, true, kRaw, kCond, IfMissing,
     "First argument that is not MISSING."},
    {"ifmissingornull", 2, kVariadic, true, kRaw, kCond, IfMissingOrNull,
     "First argument that is neither MISSING nor NULL."},
    {"ifnan", 2, kVariadic, true, kRaw, kCond, IfSpecial<false, true>,
     "First number that is not NaN (MISSING skipped; NULL at a non-number)."},
    {"ifnanorinf", 2, kVariadic, true, kRaw, kCond, IfSpecial<true, true>,
     "First number that is neither NaN nor infinite."},
    {"ifnull", 2, kVariadic, true, kRaw, kCond, IfNull,
     "First argument that is not NULL (possibly MISSING)."},
    {"least", 2, kVariadic, true, kRaw, kCond, Extreme<false>,
     "Smallest argument by collation, ignoring MISSING and NULL."},
    {"missingif", 2, 2, true, kProp, kCond, MissingIf,
     "MISSING when the arguments are equal, else the first."},
    {"missing_if", 2, 2, true, kProp, kCond, MissingIf, "Same as MISSINGIF()."},
    {"nan_if", 2, 2, true, kProp, kCond, SpecialIf<0>, "Same as NANIF()."},
    {"neginf_if", 2, 2, true, kProp, kCond, SpecialIf<-1>, "Same as NEGINFIF()."},
    {"null_if", 2, 2, true, kProp, kCond, NullIf, "Same as NULLIF()."},
    {"nanif", 2, 2, true, kProp, kCond, SpecialIf<0>,
     "NaN when the arguments are equal, else the first."},
    {"neginfif", 2, 2, true, kProp, kCond, SpecialIf<-1>,
     "-Infinity when the arguments are equal, else the first."},
    {"nullif", 2, 2, true, kProp, kCond, NullIf,
     "NULL when the arguments are equal, else the first."},
    {"nvl", 2, 2, true, kRaw, kCond, Nvl,
     "The first argument unless it is MISSING or NULL, else the second."},
    {"nvl2", 3, 3, true, kRaw, kCond, Nvl2,
     "The second argument when the first is neither MISSING nor NULL, else the third."},
    {"posinfif", 2, 2, true, kProp, kCond, SpecialIf<1>,
     "+Infinity when the arguments are equal, else the first."},
    {"posinf_if", 2, 2, true, kProp, kCond, SpecialIf<1>, "Same as POSINFIF()."},
};

}  // namespace

std::span<const FunctionDef> ConditionalFunctions() {
  return kConditionalFunctions;
}

}  // namespace casql::exec
