#include "planner/ops/clone.h"

namespace casql::plan {

void Clone::ExplainFields(Object* out) const {
  (void)out;
}

}  // namespace casql::plan
