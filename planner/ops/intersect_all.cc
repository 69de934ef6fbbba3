#include "planner/ops/intersect_all.h"

namespace casql::plan {

void IntersectAll::ExplainFields(Object* out) const {
  out->Set("first", first->Explain());
  out->Set("second", second->Explain());
}

}  // namespace casql::plan
