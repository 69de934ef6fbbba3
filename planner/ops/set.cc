#include "planner/ops/set.h"

namespace casql::plan {

void Set::ExplainFields(Object* out) const {
  Array list;
  for (const auto& term : terms) {
    Object t;
    if (term.meta) t.Set("meta", Value(true));
    t.Set("path", Value(ExprText(term.path)));
    if (term.update_for) t.Set("path_for", ExplainUpdateFor(*term.update_for));
    t.Set("value", Value(ExprText(term.value)));
    list.push_back(Value(std::move(t)));
  }
  out->Set("set_terms", Value(std::move(list)));
}

}  // namespace casql::plan
