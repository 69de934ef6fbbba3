#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "value/value.h"

// Decoding of literal and identifier tokens (the lexer only delimits them).
namespace casql::parser {

// A quoted string token ("..." or '...') to its value: JSON escapes (\" \\ \/ \b \f \n \r \t
// \uXXXX with surrogate pairs) and a doubled quote character. Nullopt on a bad escape.
std::optional<std::string> DecodeString(std::string_view token);

// An identifier token to its name: back quotes removed and `` collapsed to `.
std::string DecodeIdentifier(std::string_view token);

// An INT or NUM token to a number: integers that fit int64 stay exact, everything else is a
// double. Nullopt when the value is not finite (1e999).
std::optional<Value> DecodeNumber(std::string_view token, bool integer);

}  // namespace casql::parser
