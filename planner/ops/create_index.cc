#include "planner/ops/create_index.h"

namespace casql::plan {

void CreateIndex::ExplainFields(Object* out) const {
  Object node;
  ExplainKeyspace(keyspace, "", &node);
  node.Set("index", Value(index.name));
  Array keys;
  for (size_t i = 0; i < index.keys.size(); ++i) {
    Object key{{"expr", Value(ExprText(index.keys[i]))}};
    if (index.desc[i]) key.Set("desc", Value(true));
    keys.push_back(Value(std::move(key)));
  }
  node.Set("keys", Value(std::move(keys)));
  node.Set("using", Value("gsi"));
  if (index.where) node.Set("where", Value(ExprText(index.where)));
  out->Set("node", Value(std::move(node)));
}

}  // namespace casql::plan
