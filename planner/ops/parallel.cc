#include "planner/ops/parallel.h"

namespace casql::plan {

void Parallel::ExplainFields(Object* out) const {
  if (max_parallelism > 0) out->Set("maxParallelism", Value(int64_t{max_parallelism}));
  out->Set("~child", child->Explain());
}

}  // namespace casql::plan
