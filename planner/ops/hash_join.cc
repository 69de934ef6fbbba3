#include "planner/ops/hash_join.h"

namespace casql::plan {

void HashJoin::ExplainFields(Object* out) const {
  out->Set("build_aliases", Value(Array{Value(alias)}));
  out->Set("build_exprs", ExprTexts(build_exprs));
  out->Set("on_clause", Value(ExprText(on_clause)));
  if (outer) out->Set("outer", Value(true));
  out->Set("probe_exprs", ExprTexts(probe_exprs));
  out->Set("~child", child->Explain());
}

}  // namespace casql::plan
