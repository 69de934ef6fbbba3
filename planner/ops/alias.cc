#include "planner/ops/alias.h"

namespace casql::plan {

void Alias::ExplainFields(Object* out) const {
  out->Set("as", Value(as));
}

}  // namespace casql::plan
