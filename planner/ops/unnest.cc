#include "planner/ops/unnest.h"

namespace casql::plan {

void Unnest::ExplainFields(Object* out) const {
  out->Set("as", Value(alias));
  out->Set("expr", Value(ExprText(expr)));
  if (outer) out->Set("outer", Value(true));
}

}  // namespace casql::plan
