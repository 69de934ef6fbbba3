#include "planner/ops/let.h"

namespace casql::plan {

void Let::ExplainFields(Object* out) const {
  out->Set("bindings", ExplainBindings(bindings));
}

}  // namespace casql::plan
