#include "planner/ops/send_update.h"

namespace casql::plan {

void SendUpdate::ExplainFields(Object* out) const {
  ExplainKeyspace(keyspace, "", out);
  out->Set("alias", Value(alias));
  out->Set("fast_discard", Value(!returning));
  if (limit) out->Set("limit", Value(ExprText(limit)));
}

}  // namespace casql::plan
