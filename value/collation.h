#pragma once

#include "value/value.h"

namespace casql {

// The N1QL total order over all values: MISSING < NULL < FALSE < TRUE < numbers < strings <
// arrays < objects. Numbers compare by value (int64 exactly, mixed int/double by value);
// strings by bytes; arrays element-wise, then shorter first; objects by field count, then by
// their sorted field names, then by the values in sorted-name order.
// Returns <0, 0 or >0. Used by ORDER BY, DISTINCT, GROUP BY and index keys.
int Collate(const Value& a, const Value& b);

// N1QL's three-valued comparisons, as the '=' and '<' operators evaluate them:
// MISSING if either side is MISSING, else NULL if either side is NULL. Otherwise
// Equals is TRUE only for equal values of the same type (numbers by value; arrays and
// objects element-wise, NULL when an element comparison is NULL and none is FALSE), and
// LessThan/LessOrEqual order values of different types by collation, as Couchbase does.
Value Equals(const Value& a, const Value& b);
Value LessThan(const Value& a, const Value& b);
Value LessOrEqual(const Value& a, const Value& b);

// Collate as a strict weak order, for std::set, std::map and the sorting algorithms.
struct CollateLess {
  bool operator()(const Value& a, const Value& b) const { return Collate(a, b) < 0; }
};

}  // namespace casql
