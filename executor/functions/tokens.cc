#include "executor/functions/tokens.h"

#include <cctype>
#include <string>

#include "executor/functions/utf8.h"

namespace casql::exec::fn {

namespace {

void AddWordTokens(const std::string& s, const TokenOptions& opt, TokenSet* out) {
  auto add = [&](std::string token) {
    if (token.empty()) return;
    if (opt.case_map == TokenOptions::Case::kLower) token = ToLowerUtf8(token);
    if (opt.case_map == TokenOptions::Case::kUpper) token = ToUpperUtf8(token);
    out->insert(Value(std::move(token)));
  };
  // Words are runs of letters and digits; bytes of multi-byte characters count as letters.
  auto word_byte = [](unsigned char c) { return c >= 0x80 || std::isalnum(c); };
  for (size_t i = 0; i < s.size();) {
    while (i < s.size() && !word_byte(static_cast<unsigned char>(s[i]))) ++i;
    size_t j = i;
    while (j < s.size() && word_byte(static_cast<unsigned char>(s[j]))) ++j;
    add(s.substr(i, j - i));
    i = j;
  }
  if (opt.specials) {
    // With specials, whole whitespace-separated runs ("jim@example.com") are tokens too,
    // without the punctuation around them ("http://abc.com/," gives "http://abc.com").
    for (size_t i = 0; i < s.size();) {
      while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
      size_t j = i;
      while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
      size_t begin = i, end = j;
      while (begin < end && !word_byte(static_cast<unsigned char>(s[begin]))) ++begin;
      while (end > begin && !word_byte(static_cast<unsigned char>(s[end - 1]))) --end;
      add(s.substr(begin, end - begin));
      i = j;
    }
  }
}

}  // namespace

TokenOptions ReadTokenOptions(const Value& options) {
  TokenOptions opt;
  const Value& names = options.Field("names");
  if (names.IsBool()) opt.names = names.AsBool();
  const Value& case_map = options.Field("case");
  if (case_map.IsString()) {
    const std::string c = ToLowerUtf8(case_map.AsString());
    if (c == "lower") opt.case_map = TokenOptions::Case::kLower;
    if (c == "upper") opt.case_map = TokenOptions::Case::kUpper;
  }
  const Value& specials = options.Field("specials");
  if (specials.IsBool()) opt.specials = specials.AsBool();
  return opt;
}

void CollectTokens(const Value& v, const TokenOptions& opt, TokenSet* out) {
  switch (v.type()) {
    case ValueType::kMissing:
      return;
    case ValueType::kString:
      AddWordTokens(v.AsString(), opt, out);
      return;
    case ValueType::kArray:
      for (const Value& e : v.AsArray()) CollectTokens(e, opt, out);
      return;
    case ValueType::kObject:
      for (const auto& [name, field] : v.AsObject()) {
        if (opt.names) AddWordTokens(name, opt, out);
        CollectTokens(field, opt, out);
      }
      return;
    default:
      out->insert(v);
  }
}

}  // namespace casql::exec::fn
