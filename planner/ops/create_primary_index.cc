#include "planner/ops/create_primary_index.h"

namespace casql::plan {

void CreatePrimaryIndex::ExplainFields(Object* out) const {
  Object index;
  ExplainKeyspace(keyspace, "", &index);
  index.Set("name", Value(name));
  out->Set("index", Value(std::move(index)));
}

}  // namespace casql::plan
