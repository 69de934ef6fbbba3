#include "executor/functions/canonical_json.h"

#include <algorithm>
#include <vector>

#include "value/json.h"

namespace casql::exec::fn {

namespace {

Value Sorted(const Value& v) {
  if (v.IsArray()) {
    Array out;
    out.reserve(v.AsArray().size());
    for (const Value& e : v.AsArray()) out.push_back(Sorted(e));
    return Value(std::move(out));
  }
  if (!v.IsObject()) return v;
  std::vector<const Object::Entry*> fields;
  for (const auto& e : v.AsObject()) fields.push_back(&e);
  std::sort(fields.begin(), fields.end(), [](auto* x, auto* y) { return x->first < y->first; });
  Object out;
  for (const auto* e : fields) out.Set(e->first, Sorted(e->second));
  return Value(std::move(out));
}

}  // namespace

std::string CanonicalJson(const Value& v) {
  return ToJson(Sorted(v));
}

}  // namespace casql::exec::fn
