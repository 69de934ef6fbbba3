#include "planner/ops/nested_loop_join.h"

namespace casql::plan {

void NestedLoopJoin::ExplainFields(Object* out) const {
  out->Set("alias", Value(alias));
  out->Set("on_clause", Value(ExprText(on_clause)));
  if (outer) out->Set("outer", Value(true));
  out->Set("~child", child->Explain());
}

}  // namespace casql::plan
