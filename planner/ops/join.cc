#include "planner/ops/join.h"

namespace casql::plan {

void Join::ExplainFields(Object* out) const {
  ExplainKeyspace(keyspace, written_alias, out);
  out->Set("on_keys", Value(ExprText(on_keys)));
  if (outer) out->Set("outer", Value(true));
}

}  // namespace casql::plan
