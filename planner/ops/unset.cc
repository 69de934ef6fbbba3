#include "planner/ops/unset.h"

namespace casql::plan {

void Unset::ExplainFields(Object* out) const {
  Array list;
  for (const auto& term : terms) {
    Object t;
    t.Set("path", Value(ExprText(term.path)));
    if (term.update_for) t.Set("path_for", ExplainUpdateFor(*term.update_for));
    list.push_back(Value(std::move(t)));
  }
  out->Set("unset_terms", Value(std::move(list)));
}

}  // namespace casql::plan
