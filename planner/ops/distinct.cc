#include "planner/ops/distinct.h"

namespace casql::plan {

void Distinct::ExplainFields(Object*) const {}

}  // namespace casql::plan
