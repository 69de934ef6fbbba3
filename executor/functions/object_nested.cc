// OBJECT_PAIRS_NESTED and OBJECT_FILTER: functions over every field path inside an object (or
// array), written like OBJECT_PATHS's: a.b, a[0].b, and `odd name` back-quoted when a name
// holds a space, tab, dot or back-quote. Patterns are regular expressions searched in the
// path (RE2 syntax); an invalid pattern is NULL, as for the REGEXP_ functions.
#include <algorithm>

#include "executor/functions/helpers.h"
#include "executor/functions/regexp_cache.h"
#include "executor/functions/registry.h"
#include "executor/functions/utf8.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;

std::string PathStep(const std::string& prefix, const std::string& name, bool always_quote) {
  std::string step = name;
  if (always_quote || name.find_first_of(" \t.`") != std::string::npos) {
    std::string quoted = "`";
    for (char c : name) {
      if (c == '`') {
        quoted += "\\u0060";
      } else {
        quoted += c;
      }
    }
    step = quoted + "`";
  }
  return prefix.empty() ? step : prefix + "." + step;
}

// The regular expression of the "pattern" option (none when absent or empty); false when the
// pattern does not compile. `regex`/`exact`/`ignorecase` adjust it as OBJECT_FILTER's options.
bool PatternOption(const Value& options, bool literal_allowed, const RE2** out) {
  *out = nullptr;
  const Value& p = options.Field("pattern");
  if (!p.IsString() || p.AsString().empty()) return true;
  std::string pattern = p.AsString();
  if (literal_allowed) {
    const Value& regex = options.Field("regex");
    if (regex.IsBool() && !regex.AsBool()) pattern = RE2::QuoteMeta(pattern);
    const Value& exact = options.Field("exact");
    if (exact.IsBool() && exact.AsBool()) {
      if (pattern[0] != '^') pattern = "^" + pattern;
      pattern += "$";
    }
    const Value& ignore = options.Field("ignorecase");
    if (ignore.IsBool() && ignore.AsBool()) pattern = fn::ToLowerUtf8(pattern);
  }
  *out = fn::CompiledRegexp(pattern);
  return *out != nullptr;
}

struct PairWalk {
  bool composites = false;
  bool index = false;  // "[]" for every element and every name quoted, as index keys do
  const RE2* re = nullptr;
  std::vector<std::pair<std::string, Value>> pairs;

  bool Wanted(const std::string& path) const { return !re || RE2::PartialMatch(path, *re); }

  // With composites, every object- or array-valued field and element is listed too.
  void VisitChild(const std::string& path, const Value& v) {
    if (composites && (v.IsArray() || v.IsObject()) && Wanted(path)) pairs.emplace_back(path, v);
    Visit(path, v);
  }

  void Visit(const std::string& path, const Value& v) {
    if (v.IsArray()) {
      const Array& arr = v.AsArray();
      for (size_t i = 0; i < arr.size(); ++i) {
        VisitChild(path + (index ? "[]" : "[" + std::to_string(i) + "]"), arr[i]);
      }
    } else if (v.IsObject()) {
      for (const auto& [name, field] : v.AsObject()) VisitChild(PathStep(path, name, index), field);
    } else if (Wanted(path)) {
      pairs.emplace_back(path, v);
    }
  }
};

// OBJECT_PAIRS_NESTED(value [, options]): {"name": path, "val": value} for every scalar inside
// the object or array, sorted by path. Options: "composites" (also the object- and array-
// valued fields), "pattern" (a regular expression the path must contain), "index" (paths in
// index-key form; no composites).
Value PairsNested(Args a, ExecContext&) {
  if (!a[0].IsObject() && !a[0].IsArray()) return fn::Null();
  PairWalk walk;
  if (a.size() > 1) {
    if (!a[1].IsObject()) return fn::Null();
    const Value& composites = a[1].Field("composites");
    if (composites.IsBool()) walk.composites = composites.AsBool();
    const Value& index = a[1].Field("index");
    if (index.IsBool()) walk.index = index.AsBool();
    if (walk.index) walk.composites = false;
    if (!PatternOption(a[1], false, &walk.re)) return fn::Null();
  }
  walk.Visit("", a[0]);
  std::stable_sort(walk.pairs.begin(), walk.pairs.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  Array out;
  out.reserve(walk.pairs.size());
  for (auto& [name, val] : walk.pairs) {
    out.emplace_back(Object{{"name", Value(name)}, {"val", std::move(val)}});
  }
  return Value(std::move(out));
}

struct FieldFilter {
  bool subscripts = true;   // a[0] paths; false: a[*]
  bool composites = true;   // a matching path keeps its whole value, nested or not
  bool field_only = false;  // match the last name of the path instead of the whole path
  bool ignore_case = false;
  const RE2* re = nullptr;

  bool Matches(const std::string& path) const {
    if (!re) return true;
    std::string target = path;
    if (field_only) target = target.substr(target.rfind('.') + 1);
    if (ignore_case) target = fn::ToLowerUtf8(target);
    return RE2::PartialMatch(target, *re);
  }

  // The part of `v` (at `path`) that the filter keeps, or nullopt when nothing is kept.
  std::optional<Value> Keep(const std::string& path, const Value& v) const {
    if (v.IsArray()) {
      Array out;
      const Array& arr = v.AsArray();
      for (size_t i = 0; i < arr.size(); ++i) {
        auto kept = Keep(path + (subscripts ? "[" + std::to_string(i) + "]" : "[*]"), arr[i]);
        if (kept) out.push_back(std::move(*kept));
      }
      if (out.empty()) return std::nullopt;
      return Value(std::move(out));
    }
    if (v.IsObject()) {
      Object out;
      for (const auto& [name, field] : v.AsObject()) {
        const std::string child = PathStep(path, name, false);
        if (composites && Matches(child)) {
          out.Set(name, field);
        } else if (auto kept = Keep(child, field)) {
          out.Set(name, std::move(*kept));
        }
      }
      if (out.size() == 0) return std::nullopt;
      return Value(std::move(out));
    }
    // Scalars match on their own only without composites (with composites the field holding
    // them has matched already, or not at all).
    if (!composites && Matches(path)) return v;
    return std::nullopt;
  }
};

// OBJECT_FILTER(value [, options]): the object (or array) reduced to the paths that match the
// pattern; NULL when none does. Options: "pattern", "regex" (false: the pattern is literal
// text), "exact" (match the whole path), "ignorecase", "patternspace" ("field": match the
// last name only), "composites" (default true: a matching object or array is kept whole),
// "arraysubscript" (default true; false writes elements as [*]).
Value Filter(Args a, ExecContext&) {
  if (!a[0].IsObject() && !a[0].IsArray()) return fn::Null();
  FieldFilter filter;
  if (a.size() > 1) {
    const Value& o = a[1];
    if (!o.IsObject()) return fn::Null();
    if (o.Field("arraysubscript").IsBool()) filter.subscripts = o.Field("arraysubscript").AsBool();
    if (o.Field("composites").IsBool()) filter.composites = o.Field("composites").AsBool();
    const Value& space = o.Field("patternspace");
    if (space.IsString()) filter.field_only = space.AsString() == "field";
    const Value& ignore = o.Field("ignorecase");
    filter.ignore_case = ignore.IsBool() && ignore.AsBool();
    if (!PatternOption(o, true, &filter.re)) return fn::Null();
  }
  auto kept = filter.Keep("", a[0]);
  return kept ? std::move(*kept) : fn::Null();
}

constexpr FunctionFamily kObj = FunctionFamily::kObject;
constexpr UnknownArgs kProp = UnknownArgs::kPropagate;

const FunctionDef kObjectNestedFunctions[] = {
    {"object_filter", 1, 2, true, kProp, kObj, Filter,
     "The object reduced to the field paths matching a pattern (options: pattern, regex, exact, "
     "ignorecase, patternspace, composites, arraysubscript)."},
    {"object_pairs_nested", 1, 2, true, kProp, kObj, PairsNested,
     "{name: path, val: value} for every nested scalar, by path (options: composites, pattern, "
     "index)."},
};

}  // namespace

std::span<const FunctionDef> ObjectNestedFunctions() {
  return kObjectNestedFunctions;
}

}  // namespace casql::exec
