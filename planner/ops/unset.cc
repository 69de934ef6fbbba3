#include "planner/ops/unset.h"

namespace casql::plan {

void Unset::ExplainFields(Object* out) const {
  Array list;
  for (const auto& term : terms) {
    list.push_back(Value(Object{{"path", Value(ExprText(term.path))}}));
  }
  out->Set("unset_terms", Value(std::move(list)));
}

}  // namespace casql::plan
