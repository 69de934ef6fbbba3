#include "planner/ops/key_scan.h"

namespace casql::plan {

void KeyScan::ExplainFields(Object* out) const {
  out->Set("keys", Value(ExprText(keys)));
}

}  // namespace casql::plan
