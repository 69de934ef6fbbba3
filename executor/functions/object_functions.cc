// Object functions. Couchbase presents a JSON object's fields in name order, so NAMES,
// VALUES and PAIRS come sorted by name.
#include <re2/re2.h>

#include <algorithm>
#include <memory>
#include <set>

#include "executor/functions/helpers.h"
#include "executor/functions/registry.h"
#include "value/collation.h"

namespace casql::exec {

namespace {

using Args = std::span<const Value>;

std::vector<const Object::Entry*> SortedFields(const Object& o) {
  std::vector<const Object::Entry*> out;
  out.reserve(o.size());
  for (const auto& e : o) out.push_back(&e);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->first < b->first; });
  return out;
}

// OBJECT_ADD(obj, name, value): adds a field that is not there yet. An existing name gives
// NULL; a MISSING object or name gives MISSING (as Couchbase's own tests expect, though its
// documentation says the object is returned); a NULL name or a MISSING value leaves the
// object as it is.
Value Add(Args a, ExecContext&) {
  if (a[0].IsMissing() || a[1].IsMissing()) return Value();
  if (!a[0].IsObject()) return fn::Null();
  if (a[1].IsNull() || a[2].IsMissing()) return a[0];
  if (!a[1].IsString()) return fn::Null();
  if (a[0].AsObject().Find(a[1].AsString())) return fn::Null();
  Value out = a[0];
  out.MutableObject().Set(a[1].AsString(), a[2]);
  return out;
}

// OBJECT_PUT(obj, name, value): adds or replaces a field; a MISSING value removes it.
Value Put(Args a, ExecContext&) {
  if (a[0].IsMissing() || a[1].IsMissing()) return Value();
  if (!a[0].IsObject()) return fn::Null();
  if (a[1].IsNull()) return a[0];
  if (!a[1].IsString()) return fn::Null();
  Value out = a[0];
  if (a[2].IsMissing()) {
    out.MutableObject().Remove(a[1].AsString());
  } else {
    out.MutableObject().Set(a[1].AsString(), a[2]);
  }
  return out;
}

Value Remove(Args a, ExecContext&) {
  if (!a[0].IsObject()) return fn::Null();
  Value out = a[0];
  for (const Value& name : a.subspan(1)) {
    if (!name.IsString()) return fn::Null();
    if (out.AsObject().Find(name.AsString())) out.MutableObject().Remove(name.AsString());
  }
  return out;
}

Value Rename(Args a, ExecContext&) {
  if (!a[0].IsObject() || !a[1].IsString() || !a[2].IsString()) return fn::Null();
  const Value* v = a[0].AsObject().Find(a[1].AsString());
  if (!v) return a[0];
  Value moved = *v;
  Value out = a[0];
  out.MutableObject().Remove(a[1].AsString());
  out.MutableObject().Set(a[2].AsString(), std::move(moved));
  return out;
}

// OBJECT_REPLACE(obj, old, new): every field whose value equals `old` gets `new`.
Value Replace(Args a, ExecContext&) {
  if (!a[0].IsObject()) return fn::Null();
  Object out;
  for (const auto& [name, v] : a[0].AsObject()) {
    out.Set(name, Equals(v, a[1]).IsTrue() ? a[2] : v);
  }
  return Value(std::move(out));
}

Value Concat(Args a, ExecContext&) {
  for (const Value& v : a) {
    if (!v.IsObject()) return fn::Null();
  }
  Value out = a[0];
  for (const Value& v : a.subspan(1)) {
    for (const auto& [name, field] : v.AsObject()) out.MutableObject().Set(name, field);
  }
  return out;
}

Value Length(Args a, ExecContext&) {
  if (!a[0].IsObject()) return fn::Null();
  return Value(static_cast<int64_t>(a[0].AsObject().size()));
}

Value Names(Args a, ExecContext&) {
  if (!a[0].IsObject()) return fn::Null();
  Array out;
  for (const auto* e : SortedFields(a[0].AsObject())) out.emplace_back(e->first);
  return Value(std::move(out));
}

template <bool inner>
Value Values(Args a, ExecContext&) {
  if (!a[0].IsObject()) return fn::Null();
  Array out;
  for (const auto* e : SortedFields(a[0].AsObject())) {
    if (!inner || !e->second.IsNull()) out.push_back(e->second);
  }
  return Value(std::move(out));
}

template <bool inner>
Value Pairs(Args a, ExecContext&) {
  if (!a[0].IsObject()) return fn::Null();
  Array out;
  for (const auto* e : SortedFields(a[0].AsObject())) {
    if (inner && e->second.IsNull()) continue;
    out.emplace_back(Object{{"name", Value(e->first)}, {"val", e->second}});
  }
  return Value(std::move(out));
}

Value Unwrap(Args a, ExecContext&) {
  if (!a[0].IsObject() || a[0].AsObject().size() != 1) return fn::Null();
  return a[0].AsObject().begin()->second;
}

// OBJECT_FIELD(obj, path): the value at a field path such as "a.b" or "a.list[1].c".
Value Field(Args a, ExecContext&) {
  if (!a[0].IsObject() || !a[1].IsString()) return fn::Null();
  const std::string& path = a[1].AsString();
  const Value* current = &a[0];
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '[') {
      const size_t close = path.find(']', i);
      if (close == std::string::npos) return fn::Null();
      int64_t index = 0;
      try {
        index = std::stoll(path.substr(i + 1, close - i - 1));
      } catch (...) {
        return fn::Null();
      }
      current = &current->Element(index);
      i = close + 1;
      if (i < path.size() && path[i] == '.') ++i;
      continue;
    }
    size_t end = i;
    std::string name;
    if (path[i] == '`') {
      end = path.find('`', i + 1);
      if (end == std::string::npos) return fn::Null();
      name = path.substr(i + 1, end - i - 1);
      ++end;
    } else {
      while (end < path.size() && path[end] != '.' && path[end] != '[') ++end;
      name = path.substr(i, end - i);
    }
    current = &current->Field(name);
    i = end;
    if (i < path.size() && path[i] == '.') ++i;
  }
  return *current;
}

struct PathOptions {
  bool array_subscript = true;
  bool composites = true;
  bool unique = false;
  const RE2* pattern = nullptr;
};

std::string QuoteName(const std::string& name) {
  const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
  return plain ? name : "`" + name + "`";
}

// Field paths, parents before children. Array elements are not paths of their own: their
// fields appear under "x[0]" (or "x[*]" without subscripts).
void CollectPaths(const Value& v, const std::string& prefix, const PathOptions& opt, Array* out) {
  if (v.IsObject()) {
    for (const auto* e : SortedFields(v.AsObject())) {
      const std::string path =
          prefix.empty() ? QuoteName(e->first) : prefix + "." + QuoteName(e->first);
      const bool composite = e->second.IsObject() || e->second.IsArray();
      const bool wanted = !opt.pattern || RE2::PartialMatch(path, *opt.pattern);
      if ((!composite || opt.composites) && wanted) out->emplace_back(path);
      CollectPaths(e->second, path, opt, out);
    }
  } else if (v.IsArray()) {
    const Array& arr = v.AsArray();
    for (size_t i = 0; i < arr.size(); ++i) {
      CollectPaths(arr[i], prefix + (opt.array_subscript ? "[" + std::to_string(i) + "]" : "[*]"),
                   opt, out);
    }
  }
}

// OBJECT_PATHS(obj [, options]): every field path inside the object. Options:
// "arraysubscript" (default true: [0], [1] ...; false: [*]), "composites" (default true:
// list object- and array-valued fields too), "unique" (default false: drop repeated paths)
// and "pattern" (a regular expression the listed paths must contain a match of).
Value Paths(Args a, ExecContext&) {
  if (!a[0].IsObject()) return fn::Null();
  PathOptions opt;
  std::unique_ptr<RE2> pattern;
  if (a.size() > 1) {
    if (!a[1].IsObject()) return fn::Null();
    const Value& subscript = a[1].Field("arraysubscript");
    if (subscript.IsBool()) opt.array_subscript = subscript.AsBool();
    const Value& composites = a[1].Field("composites");
    if (composites.IsBool()) opt.composites = composites.AsBool();
    const Value& unique = a[1].Field("unique");
    if (unique.IsBool()) opt.unique = unique.AsBool();
    const Value& re = a[1].Field("pattern");
    if (re.IsString()) {
      pattern = std::make_unique<RE2>(re.AsString(), RE2::Quiet);
      if (!pattern->ok()) return fn::Null();
      opt.pattern = pattern.get();
    }
  }
  Array out;
  CollectPaths(a[0], "", opt, &out);
  if (opt.unique) {
    std::set<std::string> seen;
    Array kept;
    for (Value& p : out) {
      if (seen.insert(p.AsString()).second) kept.push_back(std::move(p));
    }
    out = std::move(kept);
  }
  return Value(std::move(out));
}

constexpr FunctionFamily kObj = FunctionFamily::kObject;
constexpr UnknownArgs kProp = UnknownArgs::kPropagate;
constexpr UnknownArgs kMiss = UnknownArgs::kMissingOnly;

const FunctionDef kObjectFunctions[] = {
    {"object_add", 3, 3, true, UnknownArgs::kRaw, kObj, Add,
     "Adds a field that is not present yet (NULL if it is)."},
    {"object_concat", 2, kVariadic, true, kProp, kObj, Concat,
     "The objects merged; later fields win."},
    {"object_field", 2, 2, true, kProp, kObj, Field,
     "The value at a field path such as \"a.b[0]\"."},
    {"object_inner_pairs", 1, 1, true, kProp, kObj, Pairs<true>,
     "OBJECT_PAIRS() without the NULL-valued fields."},
    {"object_innerpairs", 1, 1, true, kProp, kObj, Pairs<true>, "Same as OBJECT_INNER_PAIRS()."},
    {"object_innervalues", 1, 1, true, kProp, kObj, Values<true>, "Same as OBJECT_INNER_VALUES()."},
    {"object_outer_pairs", 1, 1, true, kProp, kObj, Pairs<false>, "Same as OBJECT_PAIRS()."},
    {"object_outer_values", 1, 1, true, kProp, kObj, Values<false>, "Same as OBJECT_VALUES()."},
    {"object_outerpairs", 1, 1, true, kProp, kObj, Pairs<false>, "Same as OBJECT_PAIRS()."},
    {"object_outervalues", 1, 1, true, kProp, kObj, Values<false>, "Same as OBJECT_VALUES()."},
    {"object_inner_values", 1, 1, true, kProp, kObj, Values<true>,
     "OBJECT_VALUES() without the NULL values."},
    {"object_length", 1, 1, true, kProp, kObj, Length, "Number of fields."},
    {"object_names", 1, 1, true, kProp, kObj, Names, "The field names, sorted."},
    {"object_pairs", 1, 1, true, kProp, kObj, Pairs<false>,
     "The fields as {\"name\": n, \"val\": v} objects, sorted by name."},
    {"object_paths", 1, 2, true, kProp, kObj, Paths,
     "Every field path inside the object (options: arraysubscript, composites, unique, "
     "pattern)."},
    {"object_put", 3, 3, true, UnknownArgs::kRaw, kObj, Put,
     "Adds or replaces a field; a MISSING value removes it."},
    {"object_remove", 2, kVariadic, true, kMiss, kObj, Remove,
     "The object without the named fields."},
    {"object_rename", 3, 3, true, kProp, kObj, Rename, "Renames a field."},
    {"object_replace", 3, 3, true, kMiss, kObj, Replace,
     "Replaces every field value equal to the second argument by the third."},
    {"object_unwrap", 1, 1, true, kProp, kObj, Unwrap,
     "The value of an object's only field; NULL unless it has exactly one."},
    {"object_values", 1, 1, true, kProp, kObj, Values<false>, "The field values, in name order."},
};

}  // namespace

std::span<const FunctionDef> ObjectFunctions() {
  return kObjectFunctions;
}

}  // namespace casql::exec
