#include "planner/catalog.h"

namespace casql::plan {

Status CheckKeyspace(const Catalog& catalog, const KeyspacePath& path) {
  const KeyspaceState state = catalog.Lookup(path);
  if (state == KeyspaceState::kExists) return Status::OK();
  std::string message = FormatError(ErrorCode::kKeyspaceNotFound, {path.FullName()});
  if (state == KeyspaceState::kNoBucket) message += " - cause: No bucket named " + path.bucket;
  return Status(ErrorCode::kKeyspaceNotFound, message);
}

}  // namespace casql::plan
