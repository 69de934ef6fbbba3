// The MB_ string functions: like their byte-counting namesakes, but positions, lengths and
// sizes count characters (UTF-8 code points; a byte that is not valid UTF-8 counts as one).
#include <algorithm>

#include "executor/functions/helpers.h"
#include "executor/functions/registry.h"
#include "executor/functions/utf8.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;

size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) fn::DecodeUtf8(s, &i);
  return n;
}

// The `count` characters of s starting at character `from`.
std::string_view CharSlice(std::string_view s, size_t from, size_t count) {
  const size_t begin = fn::CodePointOffset(s, from);
  const std::string_view rest = s.substr(begin);
  return rest.substr(0, fn::CodePointOffset(rest, count));
}

Value Length(Args a, ExecContext&) {
  if (!a[0].IsString()) return fn::Null();
  return Value(static_cast<int64_t>(CharCount(a[0].AsString())));
}

// MB_POSITION (0-based, -1 when absent) and MB_POSITION1 (1-based, 0 when absent).
template <int base>
Value Position(Args a, ExecContext&) {
  if (!a[0].IsString() || !a[1].IsString()) return fn::Null();
  const std::string& s = a[0].AsString();
  const size_t at = s.find(a[1].AsString());
  if (at == std::string::npos) return Value(int64_t{base - 1});
  return Value(static_cast<int64_t>(CharCount(std::string_view(s).substr(0, at))) + base);
}

// MB_SUBSTR (0-based) and MB_SUBSTR1 (1-based; position 0 is the start). A negative position
// counts back from the end; a position outside the string is NULL; the length is clipped.
template <int base>
Value Substr(Args a, ExecContext&) {
  const auto pos_arg = fn::Integer(a[1]);
  const auto len_arg = a.size() > 2 ? fn::Integer(a[2]) : std::optional<int64_t>(0);
  if (!a[0].IsString() || !pos_arg || !len_arg) return fn::Null();
  const std::string& s = a[0].AsString();
  const int64_t size = static_cast<int64_t>(CharCount(s));
  int64_t pos = *pos_arg;
  if (pos < 0) {
    pos += size;
  } else if (pos > 0) {
    pos -= base;
  }
  if (pos < 0 || pos >= size) return fn::Null();
  int64_t len = size - pos;
  if (a.size() > 2) {
    if (*len_arg < 0) return fn::Null();
    len = std::min(len, *len_arg);
  }
  return Value(std::string(CharSlice(s, static_cast<size_t>(pos), static_cast<size_t>(len))));
}

// MB_LPAD/MB_RPAD(s, n [, pad]): s padded to n characters with repetitions of pad (default a
// space), or cut to its first n characters when longer. An empty pad is NULL.
template <bool left>
Value Pad(Args a, ExecContext&) {
  const auto n = fn::Integer(a[1]);
  if (!a[0].IsString() || !n || *n < 0 || (a.size() > 2 && !a[2].IsString())) return fn::Null();
  const std::string pad = a.size() > 2 ? a[2].AsString() : " ";
  if (pad.empty()) return fn::Null();
  // The same cap as LPAD/RPAD, counted in characters.
  constexpr int64_t kMaxChars = 20 << 20;
  if (*n > kMaxChars) return fn::Null();
  const std::string& s = a[0].AsString();
  const size_t want = static_cast<size_t>(*n);
  const size_t have = CharCount(s);
  if (have >= want) return Value(std::string(CharSlice(s, 0, want)));
  const size_t pad_chars = CharCount(pad);
  std::string fill;
  size_t missing = want - have;
  for (; missing >= pad_chars; missing -= pad_chars) fill += pad;
  fill += CharSlice(pad, 0, missing);
  return Value(left ? fill + s : s + fill);
}

constexpr FunctionFamily kStr = FunctionFamily::kString;
constexpr UnknownArgs kProp = UnknownArgs::kPropagate;

const FunctionDef kMbStringFunctions[] = {
    {"mb_length", 1, 1, true, kProp, kStr, Length, "The length of a string, in characters."},
    {"mb_lpad", 2, 3, true, kProp, kStr, Pad<true>, "LPAD() counting characters."},
    {"mb_pos", 2, 2, true, kProp, kStr, Position<0>, "Same as MB_POSITION()."},
    {"mb_pos0", 2, 2, true, kProp, kStr, Position<0>, "Same as MB_POSITION()."},
    {"mb_pos1", 2, 2, true, kProp, kStr, Position<1>, "Same as MB_POSITION1()."},
    {"mb_position", 2, 2, true, kProp, kStr, Position<0>,
     "0-based character position of the first occurrence of a substring, or -1."},
    {"mb_position0", 2, 2, true, kProp, kStr, Position<0>, "Same as MB_POSITION()."},
    {"mb_position1", 2, 2, true, kProp, kStr, Position<1>,
     "1-based character position of the first occurrence of a substring, or 0."},
    {"mb_rpad", 2, 3, true, kProp, kStr, Pad<false>, "RPAD() counting characters."},
    {"mb_substr", 2, 3, true, kProp, kStr, Substr<0>,
     "Substring from a 0-based character position, optionally of a length in characters."},
    {"mb_substr0", 2, 3, true, kProp, kStr, Substr<0>, "Same as MB_SUBSTR()."},
    {"mb_substr1", 2, 3, true, kProp, kStr, Substr<1>,
     "Substring from a 1-based character position."},
};

}  // namespace

std::span<const FunctionDef> MbStringFunctions() {
  return kMbStringFunctions;
}

}  // namespace casql::exec
