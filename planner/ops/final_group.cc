#include "planner/ops/final_group.h"

namespace casql::plan {

void FinalGroup::ExplainFields(Object* out) const {
  out->Set("aggregates", ExprTexts(aggregates));
  out->Set("group_keys", ExprTexts(keys));
}

}  // namespace casql::plan
