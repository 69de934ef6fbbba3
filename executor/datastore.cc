#include "executor/datastore.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "value/json.h"

namespace casql::exec {

Result<std::unique_ptr<Datastore>> Datastore::Open(const std::string& data_dir) {
  kv::Engine::Options options;
  options.data_dir = data_dir;
  auto engine = kv::Engine::Open(options);
  if (!engine.ok()) {
    return Status(ErrorCode::kInternal,
                  "Cannot open the data directory " + data_dir + ": " + engine.status().message());
  }
  std::unique_ptr<Datastore> store(new Datastore(std::move(engine.value()), data_dir));
  CASQL_RETURN_IF_ERROR(store->LoadIndexes());
  return store;
}

Status KeyspaceError(const plan::KeyspacePath& path, kv::KvStatus status) {
  std::string message = FormatError(ErrorCode::kKeyspaceNotFound, {path.FullName()});
  if (status == kv::KvStatus::kNoBucket) message += " - cause: No bucket named " + path.bucket;
  return Status(ErrorCode::kKeyspaceNotFound, message);
}

Result<std::shared_ptr<kv::Collection>> Datastore::Collection(
    const plan::KeyspacePath& path) const {
  auto found = engine_->FindCollection(kv::KeyspaceId{path.bucket, path.scope, path.collection});
  if (!found.ok()) return KeyspaceError(path, found.status().code());
  return found.value();
}

plan::KeyspaceState Datastore::Lookup(const plan::KeyspacePath& path) const {
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

std::string Datastore::IndexKey(const plan::KeyspacePath& path) {
  return path.bucket + "." + path.scope + "." + path.collection;
}

std::optional<std::string> Datastore::PrimaryIndex(const plan::KeyspacePath& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = primary_indexes_.find(IndexKey(path));
  if (it == primary_indexes_.end()) return std::nullopt;
  return it->second;
}

Status Datastore::CreatePrimaryIndex(const plan::KeyspacePath& path, const std::string& name,
                                     bool if_not_exists) {
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] = primary_indexes_.emplace(IndexKey(path), name);
  if (!inserted) {
    if (if_not_exists) return Status::OK();
    return Status(ErrorCode::kIndexAlreadyExists,
                  FormatError(ErrorCode::kIndexAlreadyExists, {it->second}));
  }
  Status saved = SaveIndexesLocked();
  if (!saved.ok()) primary_indexes_.erase(it);
  return saved;
}

Status Datastore::ForgetIndexes(const std::string& bucket, const std::string& scope,
                                const std::string& collection) {
  std::string prefix = bucket + ".";
  if (!scope.empty()) prefix += scope + ".";
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = primary_indexes_.begin(); it != primary_indexes_.end();) {
    const bool match =
        collection.empty() ? it->first.rfind(prefix, 0) == 0 : it->first == prefix + collection;
    it = match ? primary_indexes_.erase(it) : std::next(it);
  }
  return SaveIndexesLocked();
}

Status Datastore::LoadIndexes() {
  if (data_dir_.empty()) return Status::OK();
  std::ifstream in(data_dir_ + "/indexes.json");
  if (!in) return Status::OK();  // a new data directory has no index definitions yet
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = ParseJson(text.str());
  if (!parsed.ok() || !parsed->IsObject()) {
    return Status(ErrorCode::kInternal,
                  "Corrupt index definitions in " + data_dir_ + "/indexes.json");
  }
  for (const auto& [keyspace, name] : parsed->AsObject()) {
    if (name.IsString()) primary_indexes_.emplace(keyspace, name.AsString());
  }
  return Status::OK();
}

// Index definitions are small and change rarely: the whole file is rewritten to a temporary
// name, fsynced, and renamed over the old one, so a crash leaves either version intact.
Status Datastore::SaveIndexesLocked() const {
  if (data_dir_.empty()) return Status::OK();
  Object defs;
  for (const auto& [keyspace, name] : primary_indexes_) defs.Set(keyspace, Value(name));
  const std::string text = ToJson(Value(std::move(defs)));
  const std::string tmp = data_dir_ + "/indexes.json.tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  bool ok = fd >= 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  if (fd >= 0) ok = (::close(fd) == 0) && ok;
  ok = ok && std::rename(tmp.c_str(), (data_dir_ + "/indexes.json").c_str()) == 0;
  if (!ok) return Status(ErrorCode::kInternal, "Cannot write index definitions to " + data_dir_);
  return Status::OK();
}

}  // namespace casql::exec
