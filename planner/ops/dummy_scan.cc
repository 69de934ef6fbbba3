#include "planner/ops/dummy_scan.h"

namespace casql::plan {

void DummyScan::ExplainFields(Object* out) const {
  (void)out;
}

}  // namespace casql::plan
