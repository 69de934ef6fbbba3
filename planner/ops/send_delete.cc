#include "planner/ops/send_delete.h"

namespace casql::plan {

void SendDelete::ExplainFields(Object* out) const {
  ExplainKeyspace(keyspace, "", out);
  out->Set("alias", Value(alias));
  out->Set("fast_discard", Value(!returning));
  if (limit) out->Set("limit", Value(ExprText(limit)));
}

}  // namespace casql::plan
