// ELEMENT, FIELD and SLICE: the function forms of a[i], a.[name] and a[start:end], which
// Couchbase registers as navigation functions. They answer as the path expressions do.
#include <cmath>

#include "executor/functions/helpers.h"
#include "executor/functions/registry.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;

// ELEMENT(base, index): negative indexes count from the end; an object indexed by a string
// gives that field; a fractional index or a base that is not an array is NULL.
Value ElementFn(Args a, ExecContext&) {
  if (a[0].IsMissing() || a[1].IsMissing()) return Value::Missing();
  if (a[0].IsObject() && a[1].IsString()) return a[0].Field(a[1].AsString());
  if (!a[0].IsArray() || !a[1].IsNumber()) return fn::Null();
  const auto index = fn::Integer(a[1]);
  if (!index) return fn::Null();
  return a[0].Element(*index);
}

// FIELD(object, name): the named field (MISSING when absent or not an object); a name that
// is not a string is NULL.
Value FieldFn(Args a, ExecContext&) {
  if (a[1].IsMissing()) return Value::Missing();
  if (!a[1].IsString()) return fn::Null();
  return a[0].Field(a[1].AsString());
}

// SLICE(array, start [, end]): negative bounds count from the end, no end means the length;
// a range outside the array is NULL.
Value SliceFn(Args a, ExecContext&) {
  for (const Value& v : a) {
    if (v.IsMissing()) return Value::Missing();
  }
  if (!a[0].IsArray() || !a[1].IsNumber() || (a.size() > 2 && !a[2].IsNumber())) {
    return fn::Null();
  }
  const Array& arr = a[0].AsArray();
  const int64_t size = static_cast<int64_t>(arr.size());
  int64_t from = static_cast<int64_t>(std::trunc(a[1].AsDouble()));
  int64_t to = a.size() > 2 ? static_cast<int64_t>(std::trunc(a[2].AsDouble())) : size;
  if (from < 0) from += size;
  if (to < 0) to += size;
  if (from < 0 || to > size || from > to) return fn::Null();
  return Value(Array(arr.begin() + from, arr.begin() + to));
}

constexpr UnknownArgs kRaw = UnknownArgs::kRaw;

const FunctionDef kPathFunctions[] = {
    {"element", 2, 2, true, kRaw, FunctionFamily::kArray, ElementFn,
     "Same as a[i]: negative positions count from the end."},
    {"field", 2, 2, true, kRaw, FunctionFamily::kObject, FieldFn, "Same as o.[name]."},
    {"slice", 2, 3, true, kRaw, FunctionFamily::kArray, SliceFn,
     "Same as a[start:end] (no end: to the end of the array)."},
};

}  // namespace

std::span<const FunctionDef> PathFunctions() {
  return kPathFunctions;
}

}  // namespace casql::exec
