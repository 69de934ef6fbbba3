#include "executor/datastore.h"

#include "executor/system_keyspaces.h"

namespace casql::exec {

Result<std::unique_ptr<Datastore>> Datastore::Open(const std::string& data_dir) {
  kv::Engine::Options options;
  options.data_dir = data_dir;
  return Open(std::move(options));
}

Result<std::unique_ptr<Datastore>> Datastore::Open(kv::Engine::Options options) {
  const std::string data_dir = options.data_dir;
  auto engine = kv::Engine::Open(options);
  if (!engine.ok()) {
    return Status(ErrorCode::kInternal,
                  "Cannot open the data directory " + data_dir + ": " + engine.status().message());
  }
  std::unique_ptr<Datastore> store(new Datastore(std::move(engine.value()), data_dir));
  CASQL_RETURN_IF_ERROR(store->LoadIndexes());
  return store;
}

void Datastore::SetRequestLister(RequestLister lister) {
  std::lock_guard<std::mutex> lock(lister_mu_);
  request_lister_ = std::move(lister);
}

Value Datastore::ListRequests(bool active) const {
  RequestLister lister;
  {
    std::lock_guard<std::mutex> lock(lister_mu_);
    lister = request_lister_;
  }
  return lister ? lister(active) : Value(Array());
}

Status KeyspaceError(const plan::KeyspacePath& path, kv::KvStatus status) {
  std::string message = FormatError(ErrorCode::kKeyspaceNotFound, {path.FullName()});
  if (status == kv::KvStatus::kNoBucket) message += " - cause: No bucket named " + path.bucket;
  return Status(ErrorCode::kKeyspaceNotFound, message);
}

Result<std::shared_ptr<kv::Collection>> Datastore::Collection(
    const plan::KeyspacePath& path) const {
  if (path.is_system) {
    return Status(ErrorCode::kSemantics,
                  path.FullName() + " is a read-only system keyspace: only SELECT reads it");
  }
  auto found = engine_->FindCollection(kv::KeyspaceId{path.bucket, path.scope, path.collection});
  if (!found.ok()) return KeyspaceError(path, found.status().code());
  return found.value();
}

plan::KeyspaceState Datastore::Lookup(const plan::KeyspacePath& path) const {
  if (path.is_system) {
    return IsSystemKeyspace(path.bucket) ? plan::KeyspaceState::kExists
                                         : plan::KeyspaceState::kNoCollection;
  }
  auto found = engine_->FindCollection(kv::KeyspaceId{path.bucket, path.scope, path.collection});
  if (found.ok()) return plan::KeyspaceState::kExists;
  switch (found.status().code()) {
    case kv::KvStatus::kNoBucket:
      return plan::KeyspaceState::kNoBucket;
    case kv::KvStatus::kUnknownScope:
      return plan::KeyspaceState::kNoScope;
    default:
      return plan::KeyspaceState::kNoCollection;
  }
}

}  // namespace casql::exec
