#pragma once

#include "value/value.h"

namespace casql::exec {

// N1QL truthiness, used by WHERE, AND, OR and NOT: FALSE, 0, "", [] and {} are false, as are
// MISSING and NULL; every other value is true.
bool Truthy(const Value& v);

}  // namespace casql::exec
