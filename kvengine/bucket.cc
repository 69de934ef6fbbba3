#include "kvengine/bucket.h"

#include <algorithm>
#include <chrono>
#include <mutex>

#include "kvengine/file_util.h"
#include "kvengine/keyspace_names.h"
#include "kvengine/snapshot_writer.h"

namespace casql::kv {
namespace {

Status UnknownScope(std::string_view bucket, std::string_view scope) {
  return Status(KvStatus::kUnknownScope, "scope '" + std::string(scope) +
                                             "' not found in bucket '" + std::string(bucket) + "'");
}

}  // namespace

Bucket::Bucket(std::string name, std::shared_ptr<const Clock> clock)
    : name_(std::move(name)), clock_(std::move(clock)) {
  AddScope(kDefaultName, 0);
  AddCollection(scopes_.find(kDefaultName)->second, kDefaultName, kDefaultName, 0);
}

void Bucket::AddScope(std::string_view scope, uint32_t uid) {
  scopes_.emplace(std::string(scope), Scope{uid, {}});
  next_uid_ = std::max(next_uid_, uid + 1);
}

void Bucket::AddCollection(Scope& scope, std::string_view scope_name, std::string_view collection,
                           uint32_t uid) {
  KeyspaceId id{name_, std::string(scope_name), std::string(collection)};
  auto created = std::make_shared<Collection>(std::move(id), uid, clock_);
  created->AttachLog(log_);
  scope.collections.emplace(std::string(collection), created);
  by_uid_[uid] = std::move(created);
  next_uid_ = std::max(next_uid_, uid + 1);
}

void Bucket::RemoveCollection(Scope& scope, const std::string& collection) {
  auto it = scope.collections.find(collection);
  it->second->MarkDropped();
  by_uid_.erase(it->second->uid());
  scope.collections.erase(it);
}

Bucket::Scope* Bucket::ScopeByUid(uint32_t uid) {
  for (auto& [name, scope] : scopes_) {
    if (scope.uid == uid) return &scope;
  }
  return nullptr;
}

uint64_t Bucket::AppendCatalog(const std::string& record, int64_t live_delta) {
  return log_ == nullptr ? 0 : log_->Append(record, live_delta);
}

Status Bucket::SyncCatalog(uint64_t position) {
  if (position == 0) return Status::OK();
  return log_->Sync(position, std::chrono::steady_clock::time_point::max());
}

Status Bucket::CreateScope(std::string_view scope) {
  CASQL_KV_RETURN_IF_ERROR(ValidateScopeName(scope));
  std::string record;
  uint64_t position = 0;
  {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    if (scopes_.contains(scope)) {
      return Status(KvStatus::kKeyEexists, "scope '" + std::string(scope) + "' already exists");
    }
    const uint32_t uid = next_uid_;
    AddScope(scope, uid);
    AppendCreateScopeRecord(uid, scope, &record);
    position = AppendCatalog(record, static_cast<int64_t>(record.size()));
  }
  return SyncCatalog(position);
}

Status Bucket::DropScope(std::string_view scope) {
  if (scope == kDefaultName) {
    return Status(KvStatus::kEinval, "the _default scope cannot be dropped");
  }
  std::string record;
  int64_t live_delta = 0;
  uint64_t position = 0;
  {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    auto it = scopes_.find(scope);
    if (it == scopes_.end()) return UnknownScope(name_, scope);
    std::vector<std::string> names;
    for (auto& [name, collection] : it->second.collections) {
      names.push_back(name);
      if (log_ != nullptr) live_delta -= collection->LiveBytes();
    }
    for (const std::string& name : names) RemoveCollection(it->second, name);
    AppendDropScopeRecord(it->second.uid, &record);
    scopes_.erase(it);
    position = AppendCatalog(record, live_delta);
  }
  return SyncCatalog(position);
}

Status Bucket::CreateCollection(std::string_view scope, std::string_view collection) {
  CASQL_KV_RETURN_IF_ERROR(ValidateCollectionName(collection));
  if (collection == kDefaultName && scope != kDefaultName) {
    return Status(KvStatus::kEinval,
                  "collection name '_default' is reserved for the bucket's _default scope");
  }
  std::string record;
  uint64_t position = 0;
  {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    auto it = scopes_.find(scope);
    if (it == scopes_.end()) return UnknownScope(name_, scope);
    if (it->second.collections.contains(collection)) {
      return Status(KvStatus::kKeyEexists,
                    "collection '" + std::string(collection) + "' already exists");
    }
    const uint32_t uid = next_uid_;
    AddCollection(it->second, scope, collection, uid);
    AppendCreateCollectionRecord(it->second.uid, uid, collection, &record);
    position = AppendCatalog(record, static_cast<int64_t>(record.size()));
  }
  return SyncCatalog(position);
}

Status Bucket::DropCollection(std::string_view scope, std::string_view collection) {
  if (scope == kDefaultName && collection == kDefaultName) {
    return Status(KvStatus::kEinval, "the _default collection cannot be dropped");
  }
  std::string record;
  int64_t live_delta = 0;
  uint64_t position = 0;
  {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    auto it = scopes_.find(scope);
    if (it == scopes_.end()) return UnknownScope(name_, scope);
    auto found = it->second.collections.find(collection);
    if (found == it->second.collections.end()) {
      return Status(KvStatus::kUnknownCollection,
                    "collection '" + std::string(collection) + "' not found");
    }
    if (log_ != nullptr) live_delta -= found->second->LiveBytes();
    AppendDropCollectionRecord(found->second->uid(), &record);
    RemoveCollection(it->second, found->first);
    position = AppendCatalog(record, live_delta);
  }
  return SyncCatalog(position);
}

std::vector<std::string> Bucket::ListScopes() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  std::vector<std::string> names;
  for (const auto& [name, scope] : scopes_) names.push_back(name);
  return names;
}

std::vector<std::string> Bucket::ListCollections(std::string_view scope) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  std::vector<std::string> names;
  auto it = scopes_.find(scope);
  if (it == scopes_.end()) return names;
  for (const auto& [name, collection] : it->second.collections) names.push_back(name);
  return names;
}

Result<uint32_t> Bucket::ScopeUid(std::string_view scope) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  auto it = scopes_.find(scope);
  if (it == scopes_.end()) return UnknownScope(name_, scope);
  return it->second.uid;
}

Result<std::shared_ptr<Collection>> Bucket::FindCollection(std::string_view scope,
                                                           std::string_view collection) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  auto it = scopes_.find(scope);
  if (it == scopes_.end()) return UnknownScope(name_, scope);
  auto found = it->second.collections.find(collection);
  if (found == it->second.collections.end()) {
    return Status(KvStatus::kUnknownCollection, "collection '" + std::string(collection) +
                                                    "' not found in scope '" + std::string(scope) +
                                                    "'");
  }
  return found->second;
}

std::vector<std::shared_ptr<Collection>> Bucket::AllCollections() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  std::vector<std::shared_ptr<Collection>> all;
  for (const auto& [name, scope] : scopes_) {
    for (const auto& [collection_name, collection] : scope.collections) all.push_back(collection);
  }
  return all;
}

void Bucket::FinishRecovery() {
  for (const auto& collection : AllCollections()) collection->FinishRecovery();
}

void Bucket::ReplayRecord(const LogRecord& record) {
  if (record.type == RecordType::kDocument) {
    Collection* collection = nullptr;
    {
      // Shared: replay workers run document records concurrently. No catalog record runs
      // meanwhile, so the collection stays in by_uid_ (no reference count traffic needed).
      std::shared_lock<std::shared_mutex> lock(mutex_);
      auto it = by_uid_.find(record.collection_uid);
      if (it == by_uid_.end()) return;  // written before its collection was dropped
      collection = it->second.get();
    }
    collection->ApplyRecovered(record);
    return;
  }
  std::unique_lock<std::shared_mutex> lock(mutex_);
  switch (record.type) {
    case RecordType::kDocument:
      return;  // handled above
    case RecordType::kNextUid:
      next_uid_ = std::max(next_uid_, record.next_uid);
      return;
    case RecordType::kCreateScope:
      if (ScopeByUid(record.scope_uid) == nullptr) AddScope(record.name, record.scope_uid);
      return;
    case RecordType::kDropScope:
      for (auto it = scopes_.begin(); it != scopes_.end(); ++it) {
        if (it->second.uid != record.scope_uid) continue;
        std::vector<std::string> names;
        for (auto& [name, collection] : it->second.collections) names.push_back(name);
        for (const std::string& name : names) RemoveCollection(it->second, name);
        scopes_.erase(it);
        return;
      }
      return;
    case RecordType::kCreateCollection: {
      Scope* scope = ScopeByUid(record.scope_uid);
      if (scope == nullptr || by_uid_.contains(record.collection_uid)) return;
      std::string scope_name;
      for (const auto& [name, s] : scopes_) {
        if (&s == scope) scope_name = name;
      }
      AddCollection(*scope, scope_name, record.name, record.collection_uid);
      return;
    }
    case RecordType::kDropCollection: {
      auto it = by_uid_.find(record.collection_uid);
      if (it == by_uid_.end()) return;
      const KeyspaceId& id = it->second->id();
      RemoveCollection(scopes_.find(id.scope)->second, id.collection);
      return;
    }
  }
}

void Bucket::AppendCatalogRecords(std::string* out) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  AppendNextUidRecord(next_uid_, out);
  for (const auto& [name, scope] : scopes_) {
    if (scope.uid != 0) AppendCreateScopeRecord(scope.uid, name, out);
    for (const auto& [collection_name, collection] : scope.collections) {
      if (collection->uid() != 0) {
        AppendCreateCollectionRecord(scope.uid, collection->uid(), collection_name, out);
      }
    }
  }
}

int64_t Bucket::LiveBytes() const {
  std::string catalog;
  AppendCatalogRecords(&catalog);
  int64_t total = static_cast<int64_t>(catalog.size());
  for (const auto& collection : AllCollections()) total += collection->LiveBytes();
  return total;
}

void Bucket::AttachLog(std::shared_ptr<BucketLog> log) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  log_ = std::move(log);
  for (auto& [uid, collection] : by_uid_) collection->AttachLog(log_);
}

Status Bucket::Compact(bool fsync) {
  std::lock_guard<std::mutex> maintenance(maintenance_mutex_);
  if (closed_ || log_ == nullptr) return Status::OK();
  Result<uint64_t> number = log_->Rotate();
  if (!number.ok()) return number.status();
  Result<std::unique_ptr<SnapshotWriter>> writer =
      SnapshotWriter::Open(log_->dir() / NumberedFileName(*number, ".snap"), log_->fault());
  if (!writer.ok()) return writer.status();
  SnapshotWriter& snapshot = **writer;
  AppendCatalogRecords(snapshot.buffer());
  for (const auto& collection : AllCollections()) {
    CASQL_KV_RETURN_IF_ERROR(
        collection->AppendRecords(snapshot.buffer(), [&] { return snapshot.MaybeWrite(); }));
  }
  Result<uint64_t> bytes = snapshot.Finish(fsync);
  if (!bytes.ok()) return bytes.status();
  return log_->InstallSnapshot(*number, *bytes);
}

void Bucket::Close() {
  std::lock_guard<std::mutex> maintenance(maintenance_mutex_);
  closed_ = true;
  for (const auto& collection : AllCollections()) collection->MarkDropped();
  if (log_ != nullptr) log_->Close();
}

}  // namespace casql::kv
