#include "planner/ops/except_all.h"

namespace casql::plan {

void ExceptAll::ExplainFields(Object* out) const {
  out->Set("first", first->Explain());
  out->Set("second", second->Explain());
}

}  // namespace casql::plan
