#include "executor/canonical_key.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace casql::exec {

namespace {

void Append(const Value& v, std::string* out) {
  switch (v.type()) {
    case ValueType::kMissing:
      out->push_back('m');
      return;
    case ValueType::kNull:
      out->push_back('n');
      return;
    case ValueType::kBoolean:
      out->push_back(v.AsBool() ? 't' : 'f');
      return;
    case ValueType::kNumber: {
      const double d = v.AsDouble();
      if (v.IsInt()) {
        *out += 'i' + std::to_string(v.AsInt());
      } else if (std::floor(d) == d && std::fabs(d) < 9.2e18) {
        *out += 'i' + std::to_string(static_cast<int64_t>(d));
      } else {
        char buf[40];
        std::snprintf(buf, sizeof(buf), "d%.17g", d);
        *out += buf;
      }
      return;
    }
    case ValueType::kString:
      *out += 's' + std::to_string(v.AsString().size()) + ':' + v.AsString();
      return;
    case ValueType::kArray:
      out->push_back('[');
      for (const Value& e : v.AsArray()) Append(e, out);
      out->push_back(']');
      return;
    case ValueType::kObject: {
      std::vector<const Object::Entry*> entries;
      for (const auto& e : v.AsObject()) entries.push_back(&e);
      std::sort(entries.begin(), entries.end(),
                [](auto* a, auto* b) { return a->first < b->first; });
      out->push_back('{');
      for (const auto* e : entries) {
        *out += std::to_string(e->first.size()) + ':' + e->first;
        Append(e->second, out);
      }
      out->push_back('}');
      return;
    }
  }
}

}  // namespace

std::string CanonicalKey(const Value& v) {
  std::string out;
  Append(v, &out);
  return out;
}

void AppendCanonicalKey(const Value& v, std::string* out) {
  Append(v, out);
}

std::string CanonicalKey(const std::vector<Value>& values) {
  std::string out;
  for (const Value& v : values) Append(v, &out);
  return out;
}

}  // namespace casql::exec
