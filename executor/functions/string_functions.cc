// String functions. Positions and lengths count bytes, as Couchbase's non-MB_ variants do
// (mb_string_functions.cc holds the variants that count characters); case mapping is
// Unicode-aware (utf8.h).
#include <algorithm>

#include "executor/functions/helpers.h"
#include "executor/functions/mask.h"
#include "executor/functions/registry.h"
#include "executor/functions/utf8.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;
constexpr std::string_view kWhitespace = " \t\n\f\r";

bool AllStrings(Args a) {
  return std::all_of(a.begin(), a.end(), [](const Value& v) { return v.IsString(); });
}

Value Lower(Args a, ExecContext&) {
  if (!a[0].IsString()) return fn::Null();
  return Value(fn::ToLowerUtf8(a[0].AsString()));
}
Value Upper(Args a, ExecContext&) {
  if (!a[0].IsString()) return fn::Null();
  return Value(fn::ToUpperUtf8(a[0].AsString()));
}

// Go's strings.Title over the lower-cased text, which Couchbase uses.
Value Title(Args a, ExecContext&) {
  if (!a[0].IsString()) return fn::Null();
  return Value(fn::TitleUtf8(fn::ToLowerUtf8(a[0].AsString())));
}

Value Length(Args a, ExecContext&) {
  if (!a[0].IsString()) return fn::Null();
  return Value(static_cast<int64_t>(a[0].AsString().size()));
}

// LPAD/RPAD(s, n [, pad]): s padded to n bytes with repetitions of pad (default a space), or
// cut to its first n bytes when longer. An empty pad is NULL, as in Couchbase.
template <bool left>
Value Pad(Args a, ExecContext&) {
  const auto n = fn::Integer(a[1]);
  if (!a[0].IsString() || !n || *n < 0 || (a.size() > 2 && !a[2].IsString())) return fn::Null();
  if (a.size() > 2 && a[2].AsString().empty()) return fn::Null();
  constexpr int64_t kMaxBytes = 20 << 20;
  if (*n > kMaxBytes) return fn::Null();
  const std::string& s = a[0].AsString();
  const size_t size = static_cast<size_t>(*n);
  if (s.size() >= size) return Value(s.substr(0, size));
  const std::string pad = a.size() > 2 ? a[2].AsString() : " ";
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

// CONCAT2(separator, arg ...): the strings, and the strings inside array arguments, joined by
// the separator. A MISSING element gives MISSING, any other non-string NULL.
Value Concat2(Args a, ExecContext&) {
  if (!a[0].IsString()) return fn::Null();
  std::string out;
  bool first = true;
  bool null = false;
  auto add = [&](const Value& v) {
    if (v.IsMissing()) return false;
    if (!v.IsString()) {
      null = true;
      return true;
    }
    if (!first) out += a[0].AsString();
    out += v.AsString();
    first = false;
    return true;
  };
  for (const Value& v : a.subspan(1)) {
    if (v.IsArray()) {
      for (const Value& e : v.AsArray()) {
        if (!add(e)) return Value::Missing();
      }
    } else if (!add(v)) {
      return Value::Missing();
    }
  }
  return null ? fn::Null() : Value(std::move(out));
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

constexpr FunctionFamily kStr = FunctionFamily::kString;
constexpr UnknownArgs kProp = UnknownArgs::kPropagate;

const FunctionDef kStringFunctions[] = {
    {"concat", 2, kVariadic, true, kProp, kStr, Concat, "Concatenates two or more strings."},
    {"concat2", 2, kVariadic, true, kProp, kStr, Concat2,
     "Joins the strings, and the strings in array arguments, with the first argument between."},
    {"contains", 2, 2, true, kProp, kStr, Contains,
     "TRUE when the first string contains the second."},
    {"initcap", 1, 1, true, kProp, kStr, Title,
     "Lower-cases the string, then upper-cases the first letter of each word."},
    {"length", 1, 1, true, kProp, kStr, Length, "The length of a string, in bytes."},
    {"lpad", 2, 3, true, kProp, kStr, Pad<true>,
     "Pads on the left to a length with a string (default: spaces), or cuts to it."},
    {"lower", 1, 1, true, kProp, kStr, Lower, "The string in lower case."},
    {"ltrim", 1, 2, true, kProp, kStr, Trim<TrimSide::kLeft>,
     "Removes leading characters of the set (default: whitespace)."},
    {"mask", 1, 2, true, kProp, kStr, MaskBody,
     "Masks a string (options: mask, hole, inject, anchor, length)."},
    {"pos", 2, 2, true, kProp, kStr, Position<0>, "Same as POSITION()."},
    {"pos0", 2, 2, true, kProp, kStr, Position<0>, "Same as POSITION()."},
    {"pos1", 2, 2, true, kProp, kStr, Position<1>, "Same as POSITION1()."},
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
    {"trim", 1, 2, true, kProp, kStr, Trim<TrimSide::kBoth>,
     "Removes leading and trailing characters of the set (default: whitespace)."},
    {"upper", 1, 1, true, kProp, kStr, Upper, "The string in upper case."},
};

}  // namespace

std::span<const FunctionDef> StringFunctions() {
  return kStringFunctions;
}

}  // namespace casql::exec
