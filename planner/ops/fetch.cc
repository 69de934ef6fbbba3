#include "planner/ops/fetch.h"

namespace casql::plan {

void Fetch::ExplainFields(Object* out) const {
  ExplainKeyspace(keyspace, written_alias, out);
}

}  // namespace casql::plan
