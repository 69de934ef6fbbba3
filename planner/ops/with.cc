#include "planner/ops/with.h"

namespace casql::plan {

void With::ExplainFields(Object* out) const {
  out->Set("bindings", ExplainBindings(bindings));
  out->Set("~child", child->Explain());
}

}  // namespace casql::plan
