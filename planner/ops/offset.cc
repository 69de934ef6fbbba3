#include "planner/ops/offset.h"

namespace casql::plan {

void Offset::ExplainFields(Object* out) const {
  out->Set("expr", Value(ExprText(expr)));
}

}  // namespace casql::plan
