#include "planner/ops/primary_scan.h"

namespace casql::plan {

void PrimaryScan::ExplainFields(Object* out) const {
  ExplainKeyspace(keyspace, alias, out);
  out->Set("index", Value(index));
  out->Set("index_projection", Value(Object{{"primary_key", Value(true)}}));
  if (limit) out->Set("limit", Value(ExprText(limit)));
  if (offset) out->Set("offset", Value(ExprText(offset)));
  out->Set("using", Value("gsi"));
}

}  // namespace casql::plan
