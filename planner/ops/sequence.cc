#include "planner/ops/sequence.h"

namespace casql::plan {

void Sequence::ExplainFields(Object* out) const {
  Array list;
  for (const auto& child : children) list.push_back(child->Explain());
  out->Set("~children", Value(std::move(list)));
}

}  // namespace casql::plan
