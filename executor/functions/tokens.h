#pragma once

#include <set>

#include "value/collation.h"
#include "value/value.h"

namespace casql::exec::fn {

// How TOKENS() and the CONTAINS_TOKEN functions split a value into tokens.
struct TokenOptions {
  bool names = true;  // object field names are tokenized too
  enum class Case { kKeep, kLower, kUpper } case_map = Case::kKeep;
  bool specials = false;  // also keep whitespace-separated runs such as e-mail addresses
};

// Reads the options object ({"names": bool, "case": "lower"|"upper", "specials": bool});
// unknown fields and fields of the wrong type are ignored.
TokenOptions ReadTokenOptions(const Value& options);

using TokenSet = std::set<Value, CollateLess>;

// Adds the distinct tokens inside `v` to `out`: the words (runs of letters and digits) of
// strings, array elements' and field values' tokens, and other atoms as themselves.
void CollectTokens(const Value& v, const TokenOptions& opt, TokenSet* out);

}  // namespace casql::exec::fn
