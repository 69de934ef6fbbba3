#include "planner/ops/send_insert.h"

namespace casql::plan {

void SendInsert::ExplainFields(Object* out) const {
  ExplainKeyspace(keyspace, "", out);
  out->Set("alias", Value(alias));
  out->Set("fast_discard", Value(!returning));
  if (key) out->Set("key", Value(ExprText(key)));
  if (options) out->Set("options", Value(ExprText(options)));
  if (value) out->Set("value", Value(ExprText(value)));
}

}  // namespace casql::plan
