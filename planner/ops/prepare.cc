#include "planner/ops/prepare.h"

namespace casql::plan {

void Prepare::ExplainFields(Object* out) const {
  out->Set("name", Value(name));
  out->Set("prepared", prepared->root->Explain());
}

}  // namespace casql::plan
