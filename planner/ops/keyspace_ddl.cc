#include "planner/ops/keyspace_ddl.h"

namespace casql::plan {

const char* KeyspaceDdl::Name() const {
  static const char* const kNames[] = {"CreateBucket", "DropBucket",       "CreateScope",
                                       "DropScope",    "CreateCollection", "DropCollection"};
  return kNames[static_cast<int>(statement.action)];
}

void KeyspaceDdl::ExplainFields(Object* out) const {
  std::string path;
  for (const auto& part : statement.path) path += (path.empty() ? "" : ".") + part;
  out->Set("keyspace", Value(path));
}

}  // namespace casql::plan
