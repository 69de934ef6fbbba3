#include "planner/ops/limit.h"

namespace casql::plan {

void Limit::ExplainFields(Object* out) const {
  out->Set("expr", Value(ExprText(expr)));
}

}  // namespace casql::plan
