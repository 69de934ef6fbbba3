#pragma once

#include "value/value.h"

namespace casql::exec {

// `s LIKE pattern ESCAPE escape`: % matches any run of characters, _ exactly one (UTF-8
// code point), and the escape character (a one-character string; backslash by default)
// makes the next pattern character literal. MISSING operands give MISSING; a non-string
// operand or an escape that is not one character gives NULL.
Value Like(const Value& s, const Value& pattern, const Value& escape, bool negated);

}  // namespace casql::exec
