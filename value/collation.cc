#include "value/collation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace casql {

namespace {

int Sign(int64_t v) {
  return (v > 0) - (v < 0);
}

// Compares an int64 and a double by exact value: converting the int to double would round
// values above 2^53 and make distinct numbers compare equal.
int CompareIntDouble(int64_t i, double d) {
  if (std::isnan(d)) return 1;  // NaN sorts below every other number
  constexpr double kTwo63 = 9223372036854775808.0;
  if (d >= kTwo63) return -1;
  if (d < -kTwo63) return 1;
  const double floor_d = std::floor(d);
  const int64_t whole = static_cast<int64_t>(floor_d);
  if (i != whole) return i < whole ? -1 : 1;
  return floor_d == d ? 0 : -1;
}

int CompareNumbers(const Value& a, const Value& b) {
  if (a.IsInt() && b.IsInt()) return a.AsInt() < b.AsInt() ? -1 : (a.AsInt() > b.AsInt() ? 1 : 0);
  if (a.IsInt()) return CompareIntDouble(a.AsInt(), b.AsDouble());
  if (b.IsInt()) return -CompareIntDouble(b.AsInt(), a.AsDouble());
  const double x = a.AsDouble(), y = b.AsDouble();
  if (std::isnan(x) || std::isnan(y)) {
    if (std::isnan(x) && std::isnan(y)) return 0;
    return std::isnan(x) ? -1 : 1;
  }
  return x < y ? -1 : (x > y ? 1 : 0);
}

int CompareArrays(const Array& a, const Array& b) {
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    if (int c = Collate(a[i], b[i])) return c;
  }
  return Sign(static_cast<int64_t>(a.size()) - static_cast<int64_t>(b.size()));
}

std::vector<const Object::Entry*> SortedEntries(const Object& o) {
  std::vector<const Object::Entry*> sorted;
  sorted.reserve(o.size());
  for (const Object::Entry& e : o) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(), [](auto* x, auto* y) { return x->first < y->first; });
  return sorted;
}

int CompareObjects(const Object& a, const Object& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  const auto sa = SortedEntries(a), sb = SortedEntries(b);
  for (size_t i = 0; i < sa.size(); ++i) {
    if (int c = sa[i]->first.compare(sb[i]->first)) return Sign(c);
  }
  for (size_t i = 0; i < sa.size(); ++i) {
    if (int c = Collate(sa[i]->second, sb[i]->second)) return c;
  }
  return 0;
}

}  // namespace

int Collate(const Value& a, const Value& b) {
  const ValueType ta = a.type(), tb = b.type();
  if (ta != tb) return ta < tb ? -1 : 1;
  switch (ta) {
    case ValueType::kMissing:
    case ValueType::kNull:
      return 0;
    case ValueType::kBoolean:
      return static_cast<int>(a.AsBool()) - static_cast<int>(b.AsBool());
    case ValueType::kNumber:
      return CompareNumbers(a, b);
    case ValueType::kString:
      return Sign(a.AsString().compare(b.AsString()));
    case ValueType::kArray:
      return CompareArrays(a.AsArray(), b.AsArray());
    case ValueType::kObject:
      return CompareObjects(a.AsObject(), b.AsObject());
  }
  return 0;
}

namespace {
// MISSING dominates NULL, which dominates everything else.
const Value* Unknown(const Value& a, const Value& b) {
  if (a.IsMissing()) return &a;
  if (b.IsMissing()) return &b;
  if (a.IsNull()) return &a;
  if (b.IsNull()) return &b;
  return nullptr;
}
}  // namespace

Value Equals(const Value& a, const Value& b) {
  if (const Value* u = Unknown(a, b)) return *u;
  if (a.type() != b.type()) return Value(false);
  // Arrays and objects compare element by element with these same rules, as Couchbase's
  // arrayEquals/objectEquals do: any FALSE decides, else a MISSING or NULL inside makes the
  // whole comparison MISSING or NULL ([1, null] = [1, null] is NULL).
  if (a.IsArray()) {
    const Array& x = a.AsArray();
    const Array& y = b.AsArray();
    if (x.size() != y.size()) return Value(false);
    Value unknown(true);
    for (size_t i = 0; i < x.size(); ++i) {
      Value eq = Equals(x[i], y[i]);
      if (eq.IsBool() && !eq.AsBool()) return eq;
      if (eq.IsMissing() || (eq.IsNull() && !unknown.IsMissing())) unknown = eq;
    }
    return unknown;
  }
  if (a.IsObject()) {
    const Object& x = a.AsObject();
    const Object& y = b.AsObject();
    if (x.size() != y.size()) return Value(false);
    Value unknown(true);
    for (const auto& [name, value] : x) {
      const Value* other = y.Find(name);
      if (!other) return Value(false);
      Value eq = Equals(value, *other);
      if (eq.IsBool() && !eq.AsBool()) return eq;
      if (eq.IsMissing() || (eq.IsNull() && !unknown.IsMissing())) unknown = eq;
    }
    return unknown;
  }
  return Value(Collate(a, b) == 0);
}

Value LessThan(const Value& a, const Value& b) {
  if (const Value* u = Unknown(a, b)) return *u;
  return Value(Collate(a, b) < 0);
}

Value LessOrEqual(const Value& a, const Value& b) {
  if (const Value* u = Unknown(a, b)) return *u;
  return Value(Collate(a, b) <= 0);
}

}  // namespace casql
