#include "planner/ops/keyspace_write.h"

namespace casql::plan {

void KeyspaceWrite::ExplainWrite(Object* out) const {
  ExplainKeyspace(keyspace, "", out);
  out->Set("alias", Value(alias));
  out->Set("fast_discard", Value(!returning));
  if (limit) out->Set("limit", Value(ExprText(limit)));
}

}  // namespace casql::plan
