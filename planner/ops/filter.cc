#include "planner/ops/filter.h"

namespace casql::plan {

void Filter::ExplainFields(Object* out) const {
  if (!alias.empty()) out->Set("alias", Value(alias));
  out->Set("condition", Value(ExprText(condition)));
}

}  // namespace casql::plan
