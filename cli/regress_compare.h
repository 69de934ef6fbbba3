#pragma once

#include <string>
#include <vector>

#include "value/value.h"

namespace casql::regress {

// How numbers compare. kExact: by value, int64 exactly (casql's own suite). kAsDouble: both
// sides widened to double first, as Couchbase's Go harness compares after decoding every
// number to float64 (so integers above 2^53 may compare equal).
enum class NumberMode { kExact, kAsDouble };

// Deep equality of two JSON values: objects as unordered maps, arrays in order, numbers by
// value (2 == 2.0).
bool SameJson(const Value& expected, const Value& actual, NumberMode mode);

// True when every field `expected` names is in `actual` with a matching value (recursively
// for objects); anything else must be SameJson. Used for expected error objects, which pin
// only the fields a case cares about.
bool JsonSubset(const Value& expected, const Value& actual, NumberMode mode);

// Compares result rows: in order, or as multisets (`ordered` false). Returns the differences
// as readable lines ("row 2 .LastLogin: expected \"a\", actual \"b\"", "missing row: {...}"),
// at most `max_lines` of them; empty when the rows match.
std::vector<std::string> DiffRows(const Array& expected, const Array& actual, bool ordered,
                                  NumberMode mode, size_t max_lines = 12);

// Compact JSON cut to `max_chars` (with "..." when cut), for messages.
std::string Shorten(const Value& value, size_t max_chars = 300);
std::string Shorten(const std::string& text, size_t max_chars = 300);

}  // namespace casql::regress
