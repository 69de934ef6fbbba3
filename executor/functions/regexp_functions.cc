// Regular-expression functions over RE2 (Couchbase uses Go's regexp, whose RE2 syntax this
// matches). An invalid pattern yields NULL: evaluation never fails.
#include <re2/re2.h>

#include <utility>
#include <vector>

#include "executor/functions/helpers.h"
#include "executor/functions/regexp_cache.h"
#include "executor/functions/registry.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;

Value Contains(Args a, ExecContext&) {
  if (!a[0].IsString() || !a[1].IsString()) return fn::Null();
  const RE2* re = fn::CompiledRegexp(a[1].AsString());
  if (!re) return fn::Null();
  return Value(RE2::PartialMatch(a[0].AsString(), *re));
}

Value Like(Args a, ExecContext&) {
  if (!a[0].IsString() || !a[1].IsString()) return fn::Null();
  const RE2* re = fn::CompiledRegexp(a[1].AsString());
  if (!re) return fn::Null();
  return Value(RE2::FullMatch(a[0].AsString(), *re));
}

template <int base>
Value Position(Args a, ExecContext&) {
  if (!a[0].IsString() || !a[1].IsString()) return fn::Null();
  const RE2* re = fn::CompiledRegexp(a[1].AsString());
  if (!re) return fn::Null();
  const std::string& s = a[0].AsString();
  re2::StringPiece match;
  if (!re->Match(s, 0, s.size(), RE2::UNANCHORED, &match, 1)) return Value(int64_t{-1} + base);
  return Value(static_cast<int64_t>(match.data() - s.data()) + base);
}

// REGEXP_REPLACE(expr, pattern, repl [, n]): replaces every (or the first n) match. `$1` and
// `${name}` in the replacement refer to groups, as in Go's regexp.
Value Replace(Args a, ExecContext&) {
  if (!a[0].IsString() || !a[1].IsString() || !a[2].IsString()) return fn::Null();
  int64_t limit = -1;
  if (a.size() > 3) {
    const auto n = fn::Integer(a[3]);
    if (!n) return fn::Null();
    limit = *n;
  }
  const RE2* re = fn::CompiledRegexp(a[1].AsString());
  if (!re) return fn::Null();
  const std::string& s = a[0].AsString();
  const std::string& repl = a[2].AsString();
  const int groups = re->NumberOfCapturingGroups();
  std::vector<re2::StringPiece> match(static_cast<size_t>(groups) + 1);
  std::string out;
  size_t pos = 0;
  for (int64_t done = 0; pos <= s.size() && (limit < 0 || done < limit); ++done) {
    if (!re->Match(s, pos, s.size(), RE2::UNANCHORED, match.data(), groups + 1)) break;
    const size_t begin = static_cast<size_t>(match[0].data() - s.data());
    out.append(s, pos, begin - pos);
    for (size_t i = 0; i < repl.size(); ++i) {
      if (repl[i] != '$' || i + 1 >= repl.size()) {
        out += repl[i];
        continue;
      }
      size_t j = i + 1;
      std::string name;
      if (repl[j] == '{') {
        const size_t close = repl.find('}', j);
        if (close == std::string::npos) {
          out += repl[i];
          continue;
        }
        name = repl.substr(j + 1, close - j - 1);
        j = close + 1;
      } else {
        while (j < repl.size() &&
               (std::isalnum(static_cast<unsigned char>(repl[j])) || repl[j] == '_'))
          ++j;
        name = repl.substr(i + 1, j - i - 1);
      }
      if (name.empty()) {
        out += repl[i];
        continue;
      }
      int group = -1;
      if (std::all_of(name.begin(), name.end(),
                      [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        group = name.size() < 6 ? std::stoi(name) : -1;
      } else {
        auto named = re->NamedCapturingGroups().find(name);
        if (named != re->NamedCapturingGroups().end()) group = named->second;
      }
      if (group >= 0 && group <= groups)
        out.append(match[static_cast<size_t>(group)].data(),
                   match[static_cast<size_t>(group)].size());
      i = j - 1;
    }
    size_t end = begin + match[0].size();
    if (match[0].empty()) {
      // An empty match: copy one character so the scan advances.
      if (end < s.size()) out += s[end];
      ++end;
    }
    pos = end;
  }
  if (pos < s.size()) out.append(s, pos);
  return Value(std::move(out));
}

// The [begin, end) byte ranges of the successive non-overlapping matches, as Go's
// FindAllStringIndex reports them (an empty match right after a match is skipped).
std::vector<std::pair<size_t, size_t>> Matches(const RE2& re, const std::string& s) {
  std::vector<std::pair<size_t, size_t>> out;
  re2::StringPiece match;
  size_t pos = 0;
  while (pos <= s.size() && re.Match(s, pos, s.size(), RE2::UNANCHORED, &match, 1)) {
    const size_t begin = static_cast<size_t>(match.data() - s.data());
    const size_t end = begin + match.size();
    if (match.empty() && !out.empty() && out.back().second == begin) {
      pos = begin + 1;
      continue;
    }
    out.emplace_back(begin, end);
    pos = match.empty() ? end + 1 : end;
  }
  return out;
}

Value MatchesFn(Args a, ExecContext&) {
  if (!a[0].IsString() || !a[1].IsString()) return fn::Null();
  const RE2* re = fn::CompiledRegexp(a[1].AsString());
  if (!re) return fn::Null();
  const std::string& s = a[0].AsString();
  Array out;
  for (const auto& [begin, end] : Matches(*re, s)) out.emplace_back(s.substr(begin, end - begin));
  return Value(std::move(out));
}

// REGEXP_SPLIT(s, pattern): the pieces between matches, as Go's Regexp.Split(s, -1).
Value Split(Args a, ExecContext&) {
  if (!a[0].IsString() || !a[1].IsString()) return fn::Null();
  const RE2* re = fn::CompiledRegexp(a[1].AsString());
  if (!re) return fn::Null();
  const std::string& s = a[0].AsString();
  Array out;
  size_t from = 0;
  for (const auto& [begin, end] : Matches(*re, s)) {
    if (end == 0) continue;  // an empty match at the very start splits nothing off
    out.emplace_back(s.substr(from, begin - from));
    from = end;
  }
  if (s.empty() || from < s.size() || !out.empty()) out.emplace_back(s.substr(from));
  if (!out.empty() && s.size() > 0 && out.back().AsString().empty() && from == s.size() &&
      re->Match(s, s.size(), s.size(), RE2::UNANCHORED, nullptr, 0)) {
    out.pop_back();  // Go drops the empty piece after a final empty match
  }
  return Value(std::move(out));
}

constexpr FunctionFamily kRe = FunctionFamily::kRegexp;
constexpr UnknownArgs kProp = UnknownArgs::kPropagate;

const FunctionDef kRegexpFunctions[] = {
    {"regexp_contains", 2, 2, true, kProp, kRe, Contains,
     "TRUE when some part of the string matches the pattern."},
    {"contains_regex", 2, 2, true, kProp, kRe, Contains, "Same as REGEXP_CONTAINS()."},
    {"contains_regexp", 2, 2, true, kProp, kRe, Contains, "Same as REGEXP_CONTAINS()."},
    {"regex_contains", 2, 2, true, kProp, kRe, Contains, "Same as REGEXP_CONTAINS()."},
    {"regex_like", 2, 2, true, kProp, kRe, Like, "Same as REGEXP_LIKE()."},
    {"regex_pos", 2, 2, true, kProp, kRe, Position<0>, "Same as REGEXP_POSITION()."},
    {"regex_pos0", 2, 2, true, kProp, kRe, Position<0>, "Same as REGEXP_POSITION()."},
    {"regex_pos1", 2, 2, true, kProp, kRe, Position<1>, "Same as REGEXP_POSITION1()."},
    {"regex_position", 2, 2, true, kProp, kRe, Position<0>, "Same as REGEXP_POSITION()."},
    {"regex_position0", 2, 2, true, kProp, kRe, Position<0>, "Same as REGEXP_POSITION()."},
    {"regex_position1", 2, 2, true, kProp, kRe, Position<1>, "Same as REGEXP_POSITION1()."},
    {"regex_replace", 3, 4, true, kProp, kRe, Replace, "Same as REGEXP_REPLACE()."},
    {"regexp_pos", 2, 2, true, kProp, kRe, Position<0>, "Same as REGEXP_POSITION()."},
    {"regexp_pos0", 2, 2, true, kProp, kRe, Position<0>, "Same as REGEXP_POSITION()."},
    {"regexp_pos1", 2, 2, true, kProp, kRe, Position<1>, "Same as REGEXP_POSITION1()."},
    {"regexp_like", 2, 2, true, kProp, kRe, Like,
     "TRUE when the whole string matches the pattern."},
    {"regexp_matches", 2, 2, true, kProp, kRe, MatchesFn,
     "The successive non-overlapping matches, as an array of strings."},
    {"regexp_position", 2, 2, true, kProp, kRe, Position<0>,
     "0-based byte position of the first match, or -1."},
    {"regexp_position0", 2, 2, true, kProp, kRe, Position<0>, "Same as REGEXP_POSITION()."},
    {"regexp_position1", 2, 2, true, kProp, kRe, Position<1>,
     "1-based byte position of the first match, or 0."},
    {"regexp_split", 2, 2, true, kProp, kRe, Split, "The pieces of the string between matches."},
    {"regexp_replace", 3, 4, true, kProp, kRe, Replace,
     "Replaces every (or the first n) match; $1 and ${name} in the replacement name groups."},
};

}  // namespace

std::span<const FunctionDef> RegexpFunctions() {
  return kRegexpFunctions;
}

}  // namespace casql::exec
