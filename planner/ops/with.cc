#include "planner/ops/with.h"

namespace casql::plan {

void With::ExplainFields(Object* out) const {
  out->Set("bindings", ExplainBindings(bindings));
  bool recursive = false;
  for (const auto& step : recursive_plans) recursive = recursive || step != nullptr;
  if (recursive) out->Set("recursive", Value(true));
  out->Set("~child", child->Explain());
}

}  // namespace casql::plan
