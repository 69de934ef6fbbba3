#pragma once

#include <string>
#include <vector>

#include "value/value.h"

namespace casql::exec {

// A string equal for two values exactly when N1QL considers them equal: numbers by value
// (1 and 1.0 agree), objects regardless of field order, MISSING distinct from NULL. The key
// of DISTINCT, GROUP BY, hash joins and set operations.
std::string CanonicalKey(const Value& v);
std::string CanonicalKey(const std::vector<Value>& values);
// Appends v's key to *out: the key of several values is their keys one after the other.
void AppendCanonicalKey(const Value& v, std::string* out);

}  // namespace casql::exec
