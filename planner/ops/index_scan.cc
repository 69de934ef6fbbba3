#include "planner/ops/index_scan.h"

namespace casql::plan {

void IndexScan::ExplainFields(Object* out) const {
  ExplainKeyspace(keyspace, written_alias, out);
  if (covering) {
    Array list;
    for (const auto& c : covers) list.push_back(Value("cover (" + ExprText(c) + ")"));
    out->Set("covers", Value(std::move(list)));
  }
  out->Set("index", Value(index.name));
  out->Set("index_id", Value(index.id));
  if (!covering) out->Set("index_projection", Value(Object{{"primary_key", Value(true)}}));
  if (limit) out->Set("limit", Value(ExprText(limit)));
  if (offset) out->Set("offset", Value(ExprText(offset)));
  Array spans_out;
  for (const auto& span : spans) {
    Object range;
    if (span.high) range.Set("high", Value(ExprText(span.high)));
    range.Set("inclusion", Value(int64_t{span.Inclusion()}));
    range.Set("index_key", Value(ExprText(index.keys.front())));
    if (span.low) range.Set("low", Value(ExprText(span.low)));
    spans_out.push_back(
        Value(Object{{"exact", Value(exact)}, {"range", Value(Array{Value(std::move(range))})}}));
  }
  out->Set("spans", Value(std::move(spans_out)));
  out->Set("using", Value("gsi"));
}

}  // namespace casql::plan
