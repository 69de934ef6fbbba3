#include "planner/ops/drop_index.h"

namespace casql::plan {

void DropIndex::ExplainFields(Object* out) const {
  Object node;
  ExplainKeyspace(keyspace, "", &node);
  node.Set("index", Value(name));
  node.Set("using", Value("gsi"));
  out->Set("node", Value(std::move(node)));
}

}  // namespace casql::plan
