// String functions. Positions and lengths count bytes, as Couchbase's non-MB_ variants do;
// case mapping is ASCII (see docs/functions.md).
#include <algorithm>
#include <cctype>
#include <set>

#include "executor/functions/helpers.h"
#include "executor/functions/mask.h"
#include "executor/functions/registry.h"
#include "value/collation.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;
constexpr std::string_view kWhitespace = " \t\n\f\r";

bool AllStrings(Args a) {
  return std::all_of(a.begin(), a.end(), [](const Value& v) { return v.IsString(); });
}

Value MapChars(const Value& s, int (*map)(int)) {
  if (!s.IsString()) return fn::Null();
  std::string out = s.AsString();
  for (char& c : out) c = static_cast<char>(map(static_cast<unsigned char>(c)));
  return Value(std::move(out));
}

Value Lower(Args a, ExecContext&) {
  return MapChars(a[0], ::tolower);
}
Value Upper(Args a, ExecContext&) {
  return MapChars(a[0], ::toupper);
}

// Go's strings.Title over the lower-cased text, which Couchbase uses: a letter starts a word
// when the byte before it is an ASCII separator (not a letter, digit or '_').
Value Title(Args a, ExecContext&) {
  if (!a[0].IsString()) return fn::Null();
  std::string out = a[0].AsString();
  bool start = true;
  for (char& ch : out) {
    const unsigned char c = static_cast<unsigned char>(ch);
    ch = static_cast<char>(start ? std::toupper(c) : std::tolower(c));
    start = c < 0x80 && !std::isalnum(c) && c != '_';
  }
  return Value(std::move(out));
}

Value Length(Args a, ExecContext&) {
  if (!a[0].IsString()) return fn::Null();
  return Value(static_cast<int64_t>(a[0].AsString().size()));
}

// LPAD/RPAD(s, n [, pad]): s padded to n bytes with repetitions of pad (default a space), or
// cut to its first n bytes when longer.
template <bool left>
Value Pad(Args a, ExecContext&) {
  const auto n = fn::Integer(a[1]);
  if (!a[0].IsString() || !n || *n < 0 || (a.size() > 2 && !a[2].IsString())) return fn::Null();
  constexpr int64_t kMaxBytes = 20 << 20;
  if (*n > kMaxBytes) return fn::Null();
  const std::string& s = a[0].AsString();
  const size_t size = static_cast<size_t>(*n);
  if (s.size() >= size) return Value(s.substr(0, size));
  const std::string pad = a.size() > 2 ? a[2].AsString() : " ";
  if (pad.empty()) return Value(s);
  std::string fill;
  while (fill.size() < size - s.size()) fill += pad;
  fill.resize(size - s.size());
  return Value(left ? fill + s : s + fill);
}

Value Concat(Args a, ExecContext&) {
  if (!AllStrings(a)) return fn::Null();
  std::string out;
  for (const Value& v : a) out += v.AsString();
  return Value(std::move(out));
}

Value Contains(Args a, ExecContext&) {
  if (!AllStrings(a)) return fn::Null();
  return Value(a[0].AsString().find(a[1].AsString()) != std::string::npos);
}

enum class TrimSide { kLeft, kRight, kBoth };

template <TrimSide side>
Value Trim(Args a, ExecContext&) {
  if (!AllStrings(a)) return fn::Null();
  const std::string& s = a[0].AsString();
  const std::string_view chars = a.size() > 1 ? std::string_view(a[1].AsString()) : kWhitespace;
  size_t begin = 0, end = s.size();
  if (side != TrimSide::kRight) {
    while (begin < end && chars.find(s[begin]) != std::string_view::npos) ++begin;
  }
  if (side != TrimSide::kLeft) {
    while (end > begin && chars.find(s[end - 1]) != std::string_view::npos) --end;
  }
  return Value(s.substr(begin, end - begin));
}

template <int base>
Value Position(Args a, ExecContext&) {
  if (!AllStrings(a)) return fn::Null();
  const size_t at = a[0].AsString().find(a[1].AsString());
  return Value((at == std::string::npos ? int64_t{-1} : static_cast<int64_t>(at)) + base);
}

Value Repeat(Args a, ExecContext&) {
  const auto n = fn::Integer(a[1]);
  if (!a[0].IsString() || !n || *n < 0) return fn::Null();
  // Couchbase's cap on the result (20 MiB without a request quota).
  constexpr uint64_t kMaxBytes = 20u << 20;
  if (static_cast<uint64_t>(*n) > kMaxBytes ||
      static_cast<uint64_t>(*n) * a[0].AsString().size() > kMaxBytes) {
    return fn::Null();
  }
  std::string out;
  out.reserve(a[0].AsString().size() * static_cast<size_t>(*n));
  for (int64_t i = 0; i < *n; ++i) out += a[0].AsString();
  return Value(std::move(out));
}

Value Replace(Args a, ExecContext&) {
  if (!AllStrings(a.first(3))) return fn::Null();
  int64_t limit = -1;
  if (a.size() > 3) {
    const auto n = fn::Integer(a[3]);
    if (!n) return fn::Null();
    limit = *n;
  }
  const std::string& s = a[0].AsString();
  const std::string& from = a[1].AsString();
  const std::string& to = a[2].AsString();
  std::string out;
  size_t pos = 0;
  for (int64_t done = 0; limit < 0 || done < limit; ++done) {
    if (from.empty()) {
      // As Go's strings.Replace: an empty pattern matches before each character and at the end.
      out += to;
      if (pos >= s.size()) break;
      size_t next = pos + 1;
      while (next < s.size() && (static_cast<unsigned char>(s[next]) & 0xC0) == 0x80) ++next;
      out.append(s, pos, next - pos);
      pos = next;
      continue;
    }
    const size_t at = s.find(from, pos);
    if (at == std::string::npos) break;
    out.append(s, pos, at - pos);
    out += to;
    pos = at + from.size();
  }
  if (pos < s.size()) out.append(s, pos);
  return Value(std::move(out));
}

// Reverses by code point, so multi-byte characters stay intact.
Value Reverse(Args a, ExecContext&) {
  if (!a[0].IsString()) return fn::Null();
  const std::string& s = a[0].AsString();
  std::string out;
  out.reserve(s.size());
  size_t end = s.size();
  while (end > 0) {
    size_t begin = end - 1;
    while (begin > 0 && (static_cast<unsigned char>(s[begin]) & 0xC0) == 0x80) --begin;
    out.append(s, begin, end - begin);
    end = begin;
  }
  return Value(std::move(out));
}

Value Split(Args a, ExecContext&) {
  if (!AllStrings(a)) return fn::Null();
  const std::string& s = a[0].AsString();
  Array out;
  if (a.size() == 1) {
    size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && kWhitespace.find(s[i]) != std::string_view::npos) ++i;
      size_t j = i;
      while (j < s.size() && kWhitespace.find(s[j]) == std::string_view::npos) ++j;
      if (j > i) out.emplace_back(s.substr(i, j - i));
      i = j;
    }
    return Value(std::move(out));
  }
  const std::string& sep = a[1].AsString();
  if (sep.empty()) {
    for (size_t i = 0; i < s.size();) {
      size_t j = i + 1;
      while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
      out.emplace_back(s.substr(i, j - i));
      i = j;
    }
    return Value(std::move(out));
  }
  size_t pos = 0;
  for (size_t at; (at = s.find(sep, pos)) != std::string::npos; pos = at + sep.size()) {
    out.emplace_back(s.substr(pos, at - pos));
  }
  out.emplace_back(s.substr(pos));
  return Value(std::move(out));
}

// SUBSTR (0-based) and SUBSTR1 (1-based; position 0 is taken as the start, as Couchbase does).
// A negative position counts back from the end; out of range is NULL.
template <int base>
Value Substr(Args a, ExecContext&) {
  const auto pos_arg = fn::Integer(a[1]);
  std::optional<int64_t> len_arg = a.size() > 2 ? fn::Integer(a[2]) : std::optional<int64_t>(-1);
  if (!a[0].IsString() || !pos_arg || !len_arg) return fn::Null();
  const std::string& s = a[0].AsString();
  const int64_t size = static_cast<int64_t>(s.size());
  int64_t pos = *pos_arg;
  if (pos < 0) {
    pos += size;
  } else if (pos > 0) {
    pos -= base;
  }
  if (pos < 0 || pos >= size) return fn::Null();
  if (a.size() == 2) return Value(s.substr(static_cast<size_t>(pos)));
  if (*len_arg < 0) return fn::Null();
  return Value(s.substr(static_cast<size_t>(pos), static_cast<size_t>(*len_arg)));
}

Value Suffixes(Args a, ExecContext&) {
  if (!a[0].IsString()) return fn::Null();
  const std::string& s = a[0].AsString();
  Array out;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.emplace_back(s.substr(i));
  }
  return Value(std::move(out));
}

struct TokenOptions {
  bool names = true;
  int case_map = 0;  // 0 keep, 1 lower, 2 upper
  bool specials = false;
};

void AddWordTokens(const std::string& s, const TokenOptions& opt,
                   std::set<Value, bool (*)(const Value&, const Value&)>* out) {
  auto add = [&](std::string token) {
    if (token.empty()) return;
    if (opt.case_map) {
      for (char& c : token) {
        const unsigned char u = static_cast<unsigned char>(c);
        c = static_cast<char>(opt.case_map == 1 ? std::tolower(u) : std::toupper(u));
      }
    }
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

void CollectTokens(const Value& v, const TokenOptions& opt,
                   std::set<Value, bool (*)(const Value&, const Value&)>* out) {
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

// TOKENS(expr [, options]): the distinct words, numbers, booleans and NULLs inside a value,
// in collation order.
Value Tokens(Args a, ExecContext&) {
  TokenOptions opt;
  if (a.size() > 1) {
    if (!a[1].IsObject()) return fn::Null();
    const Value& names = a[1].Field("names");
    if (names.IsBool()) opt.names = names.AsBool();
    const Value& case_map = a[1].Field("case");
    if (case_map.IsString()) {
      std::string c = case_map.AsString();
      std::transform(c.begin(), c.end(), c.begin(), ::tolower);
      opt.case_map = c == "lower" ? 1 : (c == "upper" ? 2 : 0);
    }
    const Value& specials = a[1].Field("specials");
    if (specials.IsBool()) opt.specials = specials.AsBool();
  }
  std::set<Value, bool (*)(const Value&, const Value&)> tokens(
      [](const Value& x, const Value& y) { return Collate(x, y) < 0; });
  CollectTokens(a[0], opt, &tokens);
  return Value(Array(tokens.begin(), tokens.end()));
}

constexpr FunctionFamily kStr = FunctionFamily::kString;
constexpr UnknownArgs kProp = UnknownArgs::kPropagate;

const FunctionDef kStringFunctions[] = {
    {"concat", 2, kVariadic, true, kProp, kStr, Concat, "Concatenates two or more strings."},
    {"contains", 2, 2, true, kProp, kStr, Contains,
     "TRUE when the first string contains the second."},
    {"initcap", 1, 1, true, kProp, kStr, Title,
     "Lower-cases the string, then upper-cases the first letter of each word."},
    {"length", 1, 1, true, kProp, kStr, Length, "The length of a string, in bytes."},
    {"lpad", 2, 3, true, kProp, kStr, Pad<true>,
     "Pads on the left to a length with a string (default: spaces), or cuts to it."},
    {"lower", 1, 1, true, kProp, kStr, Lower, "The string in lower case (ASCII letters)."},
    {"ltrim", 1, 2, true, kProp, kStr, Trim<TrimSide::kLeft>,
     "Removes leading characters of the set (default: whitespace)."},
    {"mask", 1, 2, true, kProp, kStr, MaskBody,
     "Masks a string (options: mask, hole, inject, anchor, length)."},
    {"position", 2, 2, true, kProp, kStr, Position<0>,
     "0-based byte position of the first occurrence of a substring, or -1."},
    {"position0", 2, 2, true, kProp, kStr, Position<0>, "Same as POSITION()."},
    {"position1", 2, 2, true, kProp, kStr, Position<1>,
     "1-based byte position of the first occurrence of a substring, or 0."},
    {"repeat", 2, 2, true, kProp, kStr, Repeat,
     "The string repeated n times (n a non-negative integer)."},
    {"replace", 3, 4, true, kProp, kStr, Replace,
     "Replaces every (or the first n) occurrences of a substring."},
    {"reverse", 1, 1, true, kProp, kStr, Reverse, "The string with its characters reversed."},
    {"rpad", 2, 3, true, kProp, kStr, Pad<false>,
     "Pads on the right to a length with a string (default: spaces), or cuts to it."},
    {"rtrim", 1, 2, true, kProp, kStr, Trim<TrimSide::kRight>,
     "Removes trailing characters of the set (default: whitespace)."},
    {"split", 1, 2, true, kProp, kStr, Split,
     "Splits a string at a separator (default: runs of whitespace) into an array."},
    {"substr", 2, 3, true, kProp, kStr, Substr<0>,
     "Substring from a 0-based position (negative: from the end), optionally of a length."},
    {"substr0", 2, 3, true, kProp, kStr, Substr<0>, "Same as SUBSTR()."},
    {"substr1", 2, 3, true, kProp, kStr, Substr<1>, "Substring from a 1-based position."},
    {"suffixes", 1, 1, true, kProp, kStr, Suffixes, "Every suffix of the string, longest first."},
    {"title", 1, 1, true, kProp, kStr, Title, "Same as INITCAP()."},
    {"tokens", 1, 2, true, UnknownArgs::kMissingOnly, kStr, Tokens,
     "The distinct words, numbers and booleans inside a value, in collation order."},
    {"trim", 1, 2, true, kProp, kStr, Trim<TrimSide::kBoth>,
     "Removes leading and trailing characters of the set (default: whitespace)."},
    {"upper", 1, 1, true, kProp, kStr, Upper, "The string in upper case (ASCII letters)."},
};

}  // namespace

std::span<const FunctionDef> StringFunctions() {
  return kStringFunctions;
}

}  // namespace casql::exec
