// TOKENS() and the CONTAINS_TOKEN functions, which search the same tokens. The source may be
// any value; a NULL source or token is NULL, options that are not an object NULL.
#include "executor/expr/like.h"
#include "executor/functions/helpers.h"
#include "executor/functions/regexp_cache.h"
#include "executor/functions/registry.h"
#include "executor/functions/tokens.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;

// The tokens of a[0] under the options in a[option_index] (if given), or nullopt when the
// options are not an object.
std::optional<fn::TokenSet> TokensOf(Args a, size_t option_index) {
  fn::TokenOptions opt;
  if (a.size() > option_index) {
    if (!a[option_index].IsObject()) return std::nullopt;
    opt = fn::ReadTokenOptions(a[option_index]);
  }
  fn::TokenSet tokens;
  fn::CollectTokens(a[0], opt, &tokens);
  return tokens;
}

// TOKENS(expr [, options]): the distinct words, numbers, booleans and NULLs inside a value,
// in collation order.
Value Tokens(Args a, ExecContext&) {
  const auto tokens = TokensOf(a, 1);
  if (!tokens) return fn::Null();
  return Value(Array(tokens->begin(), tokens->end()));
}

// CONTAINS_TOKEN(source, token [, options]): TRUE when the token is among the source's tokens.
Value ContainsToken(Args a, ExecContext&) {
  if (a[0].IsNull() || a[1].IsNull()) return fn::Null();
  const auto tokens = TokensOf(a, 2);
  if (!tokens) return fn::Null();
  return Value(tokens->contains(a[1]));
}

// CONTAINS_TOKEN_LIKE(source, pattern [, options]): TRUE when a string token matches the LIKE
// pattern (backslash escapes).
Value ContainsTokenLike(Args a, ExecContext&) {
  if (a[0].IsNull() || !a[1].IsString()) return fn::Null();
  const auto tokens = TokensOf(a, 2);
  if (!tokens) return fn::Null();
  const Value escape("\\");
  for (const Value& t : *tokens) {
    if (t.IsString() && Like(t, a[1], escape, false).IsTrue()) return Value(true);
  }
  return Value(false);
}

// CONTAINS_TOKEN_REGEXP(source, pattern [, options]): TRUE when a string token matches the
// whole regular expression; an invalid pattern is NULL, as for the REGEXP_ functions.
Value ContainsTokenRegexp(Args a, ExecContext&) {
  if (a[0].IsNull() || !a[1].IsString()) return fn::Null();
  const RE2* re = fn::CompiledRegexp(a[1].AsString());
  if (!re) return fn::Null();
  const auto tokens = TokensOf(a, 2);
  if (!tokens) return fn::Null();
  for (const Value& t : *tokens) {
    if (t.IsString() && RE2::FullMatch(t.AsString(), *re)) return Value(true);
  }
  return Value(false);
}

constexpr FunctionFamily kTok = FunctionFamily::kToken;
constexpr UnknownArgs kMiss = UnknownArgs::kMissingOnly;

const FunctionDef kTokenFunctions[] = {
    {"contains_token", 2, 3, true, kMiss, kTok, ContainsToken,
     "TRUE when the token is one of TOKENS(source, options)."},
    {"contains_token_like", 2, 3, true, kMiss, kTok, ContainsTokenLike,
     "TRUE when a string token of the source matches the LIKE pattern."},
    {"contains_token_regex", 2, 3, true, kMiss, kTok, ContainsTokenRegexp,
     "Same as CONTAINS_TOKEN_REGEXP()."},
    {"contains_token_regexp", 2, 3, true, kMiss, kTok, ContainsTokenRegexp,
     "TRUE when a string token of the source matches the whole regular expression."},
    {"has_token", 2, 3, true, kMiss, kTok, ContainsToken, "Same as CONTAINS_TOKEN()."},
    {"tokens", 1, 2, true, kMiss, kTok, Tokens,
     "The distinct words, numbers and booleans inside a value, in collation order."},
};

}  // namespace

std::span<const FunctionDef> TokenFunctions() {
  return kTokenFunctions;
}

}  // namespace casql::exec
