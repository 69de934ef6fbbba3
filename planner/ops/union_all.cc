#include "planner/ops/union_all.h"

namespace casql::plan {

void UnionAll::ExplainFields(Object* out) const {
  Array list;
  for (const auto& child : children) list.push_back(child->Explain());
  out->Set("~children", Value(std::move(list)));
}

}  // namespace casql::plan
