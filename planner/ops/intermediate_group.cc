#include "planner/ops/intermediate_group.h"

namespace casql::plan {

void IntermediateGroup::ExplainFields(Object* out) const {
  out->Set("aggregates", ExprTexts(aggregates));
  out->Set("group_keys", ExprTexts(keys));
}

}  // namespace casql::plan
