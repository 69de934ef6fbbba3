#include "planner/ops/expression_scan.h"

namespace casql::plan {

void ExpressionScan::ExplainFields(Object* out) const {
  out->Set("alias", Value(alias));
  out->Set("expr", Value(ExprText(expr)));
}

}  // namespace casql::plan
