// Array functions. A MISSING argument gives MISSING; an argument that should be an array and
// is not gives NULL. Values that are searched for, added or removed may be NULL. Membership
// uses N1QL equality (numbers by value, types never equal across), duplicates are judged by
// collation, and results keep the order of first occurrence.
#include <algorithm>
#include <set>
#include <utility>

#include "executor/functions/helpers.h"
#include "executor/functions/registry.h"
#include "value/collation.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;

using ValueSet = std::set<Value, CollateLess>;

// Couchbase caps generated arrays (ARRAY_RANGE, ARRAY_REPEAT) at this many elements.
constexpr int64_t kRangeLimit = 1 << 20;

bool SameValue(const Value& a, const Value& b) {
  return Equals(a, b).IsTrue();
}

bool AllArrays(Args a) {
  return std::all_of(a.begin(), a.end(), [](const Value& v) { return v.IsArray(); });
}

Value Append(Args a, ExecContext&) {
  if (!a[0].IsArray()) return fn::Null();
  Array out = a[0].AsArray();
  out.insert(out.end(), a.begin() + 1, a.end());
  return Value(std::move(out));
}

Value Prepend(Args a, ExecContext&) {
  if (!a.back().IsArray()) return fn::Null();
  Array out(a.begin(), a.end() - 1);
  out.insert(out.end(), a.back().AsArray().begin(), a.back().AsArray().end());
  return Value(std::move(out));
}

Value Put(Args a, ExecContext&) {
  if (!a[0].IsArray()) return fn::Null();
  Array out = a[0].AsArray();
  for (const Value& v : a.subspan(1)) {
    if (std::none_of(out.begin(), out.end(), [&](const Value& e) { return SameValue(e, v); })) {
      out.push_back(v);
    }
  }
  return Value(std::move(out));
}

Value Concat(Args a, ExecContext&) {
  if (!AllArrays(a)) return fn::Null();
  Array out;
  for (const Value& v : a) out.insert(out.end(), v.AsArray().begin(), v.AsArray().end());
  return Value(std::move(out));
}

Value Numbers(Args a, bool average) {
  if (!a[0].IsArray()) return fn::Null();
  bool exact = true;
  int64_t int_sum = 0;
  double sum = 0;
  int64_t count = 0;
  for (const Value& e : a[0].AsArray()) {
    if (!e.IsNumber()) continue;
    ++count;
    int64_t next;
    if (exact && e.IsInt() && !__builtin_add_overflow(int_sum, e.AsInt(), &next)) {
      int_sum = next;
      continue;
    }
    if (exact) sum = static_cast<double>(int_sum);
    exact = false;
    sum += e.AsDouble();
  }
  if (average) {
    if (count == 0) return fn::Null();
    return Value((exact ? static_cast<double>(int_sum) : sum) / static_cast<double>(count));
  }
  return exact ? Value(int_sum) : Value(sum);
}

Value Avg(Args a, ExecContext&) {
  return Numbers(a, true);
}
Value Sum(Args a, ExecContext&) {
  return Numbers(a, false);
}

// ARRAY_CONTAINS and ARRAY_POSITION answer NULL for a NULL search value, as Couchbase's
// ARRAY_CONTAINS does.
Value Contains(Args a, ExecContext&) {
  if (!a[0].IsArray() || a[1].IsNull()) return fn::Null();
  const Array& arr = a[0].AsArray();
  return Value(
      std::any_of(arr.begin(), arr.end(), [&](const Value& e) { return SameValue(e, a[1]); }));
}

Value Count(Args a, ExecContext&) {
  if (!a[0].IsArray()) return fn::Null();
  const Array& arr = a[0].AsArray();
  return Value(static_cast<int64_t>(
      std::count_if(arr.begin(), arr.end(), [](const Value& e) { return !e.IsMissingOrNull(); })));
}

void Flatten(const Array& arr, int64_t depth, Array* out) {
  for (const Value& e : arr) {
    if (e.IsArray() && depth != 0) {
      Flatten(e.AsArray(), depth - 1, out);
    } else {
      out->push_back(e);
    }
  }
}

// ARRAY_FLATTEN(arr, depth): a negative depth flattens every level.
Value FlattenFn(Args a, ExecContext&) {
  const auto depth = fn::Integer(a[1]);
  if (!a[0].IsArray() || !depth) return fn::Null();
  Array out;
  Flatten(a[0].AsArray(), *depth, &out);
  return Value(std::move(out));
}

Value IfNull(Args a, ExecContext&) {
  if (!a[0].IsArray()) return fn::Null();
  for (const Value& e : a[0].AsArray()) {
    if (!e.IsMissingOrNull()) return e;
  }
  return fn::Null();
}

// A position into an array of `size` elements; negative positions count from the end.
std::optional<size_t> Position(const Value& v, size_t size, bool allow_end) {
  auto pos = fn::Integer(v);
  if (!pos) return std::nullopt;
  const int64_t n = static_cast<int64_t>(size);
  if (*pos < 0) *pos += n;
  if (*pos < 0 || *pos > n || (*pos == n && !allow_end)) return std::nullopt;
  return static_cast<size_t>(*pos);
}

Value Insert(Args a, ExecContext&) {
  if (!a[0].IsArray()) return fn::Null();
  const Array& arr = a[0].AsArray();
  const auto pos = Position(a[1], arr.size(), true);
  if (!pos) return fn::Null();
  Array out(arr.begin(), arr.begin() + static_cast<ptrdiff_t>(*pos));
  out.insert(out.end(), a.begin() + 2, a.end());
  out.insert(out.end(), arr.begin() + static_cast<ptrdiff_t>(*pos), arr.end());
  return Value(std::move(out));
}

Value Length(Args a, ExecContext&) {
  if (!a[0].IsArray()) return fn::Null();
  return Value(static_cast<int64_t>(a[0].AsArray().size()));
}

template <bool max>
Value Extreme(Args a, ExecContext&) {
  if (!a[0].IsArray()) return fn::Null();
  const Value* best = nullptr;
  for (const Value& e : a[0].AsArray()) {
    if (e.IsMissingOrNull()) continue;
    if (!best || (Collate(e, *best) > 0) == max) best = &e;
  }
  return best ? *best : fn::Null();
}

Value PositionOf(Args a, ExecContext&) {
  if (!a[0].IsArray() || a[1].IsNull()) return fn::Null();
  const Array& arr = a[0].AsArray();
  for (size_t i = 0; i < arr.size(); ++i) {
    if (SameValue(arr[i], a[1])) return Value(static_cast<int64_t>(i));
  }
  return Value(int64_t{-1});
}

// ARRAY_RANGE(start, end [, step]): integers when every argument is an integer.
Value Range(Args a, ExecContext&) {
  for (const Value& v : a) {
    if (!v.IsNumber()) return fn::Null();
  }
  const double start = a[0].AsDouble(), end = a[1].AsDouble();
  const double step = a.size() > 2 ? a[2].AsDouble() : 1.0;
  if (step == 0 || !std::isfinite(start) || !std::isfinite(end) || !std::isfinite(step)) {
    return Value(Array{});
  }
  const double steps = std::ceil((end - start) / step);
  if (steps > static_cast<double>(kRangeLimit)) return fn::Null();
  const bool integers =
      std::all_of(a.begin(), a.end(), [](const Value& v) { return fn::Integer(v).has_value(); });
  Array out;
  for (int64_t i = 0; i < static_cast<int64_t>(steps); ++i) {
    const double v = start + static_cast<double>(i) * step;
    out.push_back(integers ? Value(static_cast<int64_t>(v)) : Value(v));
  }
  return Value(std::move(out));
}

Value Remove(Args a, ExecContext&) {
  if (!a[0].IsArray()) return fn::Null();
  Array out;
  for (const Value& e : a[0].AsArray()) {
    const bool drop =
        std::any_of(a.begin() + 1, a.end(), [&](const Value& v) { return SameValue(e, v); });
    if (!drop) out.push_back(e);
  }
  return Value(std::move(out));
}

Value RepeatFn(Args a, ExecContext&) {
  const auto n = fn::Integer(a[1]);
  if (!n || *n < 0 || *n > kRangeLimit) return fn::Null();
  return Value(Array(static_cast<size_t>(*n), a[0]));
}

Value Replace(Args a, ExecContext&) {
  if (!a[0].IsArray()) return fn::Null();
  int64_t limit = -1;
  if (a.size() > 3) {
    const auto n = fn::Integer(a[3]);
    if (!n) return fn::Null();
    limit = *n;
  }
  Array out = a[0].AsArray();
  for (Value& e : out) {
    if (limit == 0) break;
    if (SameValue(e, a[1])) {
      e = a[2];
      --limit;
    }
  }
  return Value(std::move(out));
}

Value ReverseFn(Args a, ExecContext&) {
  if (!a[0].IsArray()) return fn::Null();
  Array out(a[0].AsArray().rbegin(), a[0].AsArray().rend());
  return Value(std::move(out));
}

Value Sort(Args a, ExecContext&) {
  if (!a[0].IsArray()) return fn::Null();
  Array out = a[0].AsArray();
  std::stable_sort(out.begin(), out.end(), CollateLess());
  return Value(std::move(out));
}

// ARRAY_STAR(array of objects): one object whose fields hold the arrays of the elements'
// values for each name (NULL where an element lacks it).
Value Star(Args a, ExecContext&) {
  if (!a[0].IsArray()) return fn::Null();
  const Array& arr = a[0].AsArray();
  std::set<std::string> names;
  for (const Value& e : arr) {
    if (!e.IsObject()) continue;
    for (const auto& entry : e.AsObject()) names.insert(entry.first);
  }
  Object out;
  for (const std::string& name : names) {
    Array column;
    column.reserve(arr.size());
    for (const Value& e : arr) {
      const Value& v = e.Field(name);
      column.push_back(v.IsMissing() ? Value::Null() : v);
    }
    out.Set(name, Value(std::move(column)));
  }
  return Value(std::move(out));
}

// ARRAY_MOVE(arr, from, to): moves one element; negative positions count from the end.
Value Move(Args a, ExecContext&) {
  if (!a[0].IsArray()) return fn::Null();
  Array out = a[0].AsArray();
  const auto from = Position(a[1], out.size(), false);
  const auto to = Position(a[2], out.size(), false);
  if (!from || !to) return fn::Null();
  Value moved = out[*from];
  out.erase(out.begin() + static_cast<ptrdiff_t>(*from));
  out.insert(out.begin() + static_cast<ptrdiff_t>(*to), std::move(moved));
  return Value(std::move(out));
}

// ARRAY_SWAP(arr, i, j): the elements at two positions (negative: from the end) exchanged.
Value Swap(Args a, ExecContext&) {
  if (!a[0].IsArray()) return fn::Null();
  Array out = a[0].AsArray();
  const auto i = Position(a[1], out.size(), false);
  const auto j = Position(a[2], out.size(), false);
  if (!i || !j) return fn::Null();
  std::swap(out[*i], out[*j]);
  return Value(std::move(out));
}

constexpr FunctionFamily kArr = FunctionFamily::kArray;
constexpr UnknownArgs kMiss = UnknownArgs::kMissingOnly;
constexpr UnknownArgs kProp = UnknownArgs::kPropagate;

const FunctionDef kArrayFunctions[] = {
    {"array_add", 2, kVariadic, true, kMiss, kArr, Put, "Same as ARRAY_PUT()."},
    {"array_append", 2, kVariadic, true, kMiss, kArr, Append,
     "The array with the values appended."},
    {"array_avg", 1, 1, true, kProp, kArr, Avg,
     "Average of the numbers in the array; NULL when there are none."},
    {"array_concat", 2, kVariadic, true, kProp, kArr, Concat, "The arrays joined end to end."},
    {"array_contains", 2, 2, true, kMiss, kArr, Contains,
     "TRUE when an element equals the value (NULL for a NULL value)."},
    {"array_count", 1, 1, true, kProp, kArr, Count, "Number of elements that are not NULL."},
    {"array_flatten", 2, 2, true, kProp, kArr, FlattenFn,
     "Nested arrays flattened to the given depth (negative: all levels)."},
    {"array_ifnull", 1, 1, true, kProp, kArr, IfNull, "The first element that is not NULL."},
    {"array_insert", 3, kVariadic, true, kMiss, kArr, Insert,
     "The array with the values inserted at a position."},
    {"array_length", 1, 1, true, kProp, kArr, Length, "Number of elements."},
    {"array_max", 1, 1, true, kProp, kArr, Extreme<true>, "Largest non-NULL element by collation."},
    {"array_min", 1, 1, true, kProp, kArr, Extreme<false>,
     "Smallest non-NULL element by collation."},
    {"array_move", 3, 3, true, kProp, kArr, Move, "Moves the element at one position to another."},
    {"array_position", 2, 2, true, kMiss, kArr, PositionOf,
     "0-based index of the first element equal to the value, or -1 (NULL for NULL)."},
    {"array_pos", 2, 2, true, kMiss, kArr, PositionOf, "Same as ARRAY_POSITION()."},
    {"array_prepend", 2, kVariadic, true, kMiss, kArr, Prepend,
     "The last argument (an array) with the other values put in front."},
    {"array_put", 2, kVariadic, true, kMiss, kArr, Put,
     "The array with each value appended unless already present."},
    {"array_range", 2, 3, true, kProp, kArr, Range,
     "Numbers from start up to (not including) end by step (default 1)."},
    {"array_remove", 2, kVariadic, true, kMiss, kArr, Remove,
     "The array without the elements equal to any of the values."},
    {"array_repeat", 2, 2, true, kMiss, kArr, RepeatFn, "An array of the value repeated n times."},
    {"array_replace", 3, 4, true, kMiss, kArr, Replace,
     "Replaces every (or the first n) element equal to a value by another."},
    {"array_reverse", 1, 1, true, kProp, kArr, ReverseFn, "The elements in reverse order."},
    {"array_sort", 1, 1, true, kProp, kArr, Sort, "The elements sorted by collation."},
    {"array_star", 1, 1, true, kProp, kArr, Star,
     "Turns an array of objects into an object of arrays, one per field name."},
    {"array_sum", 1, 1, true, kProp, kArr, Sum, "Sum of the numbers in the array (0 if none)."},
    {"array_swap", 3, 3, true, kProp, kArr, Swap,
     "Exchanges the elements at two positions (negative: from the end)."},
    {"array_upsert", 2, kVariadic, true, kMiss, kArr, Put, "Same as ARRAY_PUT()."},
};

}  // namespace

std::span<const FunctionDef> ArrayFunctions() {
  return kArrayFunctions;
}

}  // namespace casql::exec
