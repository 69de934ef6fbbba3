#include "planner/ops/nest.h"

namespace casql::plan {

void Nest::ExplainFields(Object* out) const {
  ExplainKeyspace(keyspace, written_alias, out);
  out->Set("on_keys", Value(ExprText(on_keys)));
  if (outer) out->Set("outer", Value(true));
}

}  // namespace casql::plan
