#include "planner/ops/initial_group.h"

namespace casql::plan {

void InitialGroup::ExplainFields(Object* out) const {
  out->Set("aggregates", ExprTexts(aggregates));
  out->Set("group_keys", ExprTexts(keys));
}

}  // namespace casql::plan
