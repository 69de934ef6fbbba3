// ARRAY_CONTAINS_ANY and ARRAY_CONTAINS_ALL: membership of several values at once, by N1QL
// equality. The second argument is an array of values or a single value; NULL there is NULL.
#include <algorithm>

#include "executor/functions/helpers.h"
#include "executor/functions/registry.h"
#include "value/collation.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;

bool Has(const Array& haystack, const Value& v) {
  return std::any_of(haystack.begin(), haystack.end(),
                     [&](const Value& e) { return Equals(e, v).IsTrue(); });
}

Value ContainsAny(Args a, ExecContext&) {
  if (!a[0].IsArray() || a[1].IsNull()) return fn::Null();
  const Array& haystack = a[0].AsArray();
  if (!a[1].IsArray()) return Value(Has(haystack, a[1]));
  const Array& wanted = a[1].AsArray();
  return Value(
      std::any_of(wanted.begin(), wanted.end(), [&](const Value& v) { return Has(haystack, v); }));
}

Value ContainsAll(Args a, ExecContext&) {
  if (!a[0].IsArray() || a[1].IsNull()) return fn::Null();
  const Array& haystack = a[0].AsArray();
  if (!a[1].IsArray()) return Value(Has(haystack, a[1]));
  const Array& wanted = a[1].AsArray();
  return Value(
      std::all_of(wanted.begin(), wanted.end(), [&](const Value& v) { return Has(haystack, v); }));
}

constexpr FunctionFamily kArr = FunctionFamily::kArray;
constexpr UnknownArgs kMiss = UnknownArgs::kMissingOnly;

const FunctionDef kArrayContainsFunctions[] = {
    {"array_contains_all", 2, 2, true, kMiss, kArr, ContainsAll,
     "TRUE when the array contains every one of the values (an array, or one value)."},
    {"array_contains_any", 2, 2, true, kMiss, kArr, ContainsAny,
     "TRUE when the array contains at least one of the values (an array, or one value)."},
};

}  // namespace

std::span<const FunctionDef> ArrayContainsFunctions() {
  return kArrayContainsFunctions;
}

}  // namespace casql::exec
