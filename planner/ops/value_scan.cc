#include "planner/ops/value_scan.h"

namespace casql::plan {

void ValueScan::ExplainFields(Object* out) const {
  std::string text;
  for (const auto& v : values) {
    if (!text.empty()) text += ", ";
    text += "[" + ExprText(v.key) + ", " + ExprText(v.value);
    if (v.options) text += ", " + ExprText(v.options);
    text += "]";
  }
  out->Set("values", Value(text));
}

}  // namespace casql::plan
