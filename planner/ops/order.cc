#include "planner/ops/order.h"

namespace casql::plan {

void Order::ExplainFields(Object* out) const {
  if (limit) out->Set("limit", Value(ExprText(limit)));
  if (offset) out->Set("offset", Value(ExprText(offset)));
  Array sort_terms;
  for (const auto& term : terms) {
    Object t;
    if (term.desc) t.Set("desc", Value(true));
    t.Set("expr", Value(ExprText(term.expr)));
    if (term.nulls != ast::NullsOrder::kDefault) {
      t.Set("nulls_pos", Value(term.nulls == ast::NullsOrder::kFirst ? "first" : "last"));
    }
    sort_terms.push_back(Value(std::move(t)));
  }
  out->Set("sort_terms", Value(std::move(sort_terms)));
}

}  // namespace casql::plan
