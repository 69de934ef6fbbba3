#include "kvengine/bucket.h"

#include <mutex>

#include "kvengine/keyspace_names.h"

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
}

void Bucket::AddCollection(Scope& scope, std::string_view scope_name, std::string_view collection,
                           uint32_t uid) {
  KeyspaceId id{name_, std::string(scope_name), std::string(collection)};
  scope.collections.emplace(std::string(collection),
                            std::make_shared<Collection>(std::move(id), uid, clock_));
}

Status Bucket::CreateScope(std::string_view scope) {
  CASQL_KV_RETURN_IF_ERROR(ValidateScopeName(scope));
  std::unique_lock<std::shared_mutex> lock(mutex_);
  if (scopes_.contains(scope)) {
    return Status(KvStatus::kKeyEexists, "scope '" + std::string(scope) + "' already exists");
  }
  AddScope(scope, next_uid_++);
  return Status::OK();
}

Status Bucket::DropScope(std::string_view scope) {
  if (scope == kDefaultName)
    return Status(KvStatus::kEinval, "the _default scope cannot be dropped");
  std::unique_lock<std::shared_mutex> lock(mutex_);
  auto it = scopes_.find(scope);
  if (it == scopes_.end()) return UnknownScope(name_, scope);
  for (auto& [name, collection] : it->second.collections) collection->MarkDropped();
  scopes_.erase(it);
  return Status::OK();
}

Status Bucket::CreateCollection(std::string_view scope, std::string_view collection) {
  CASQL_KV_RETURN_IF_ERROR(ValidateCollectionName(collection));
  std::unique_lock<std::shared_mutex> lock(mutex_);
  auto it = scopes_.find(scope);
  if (it == scopes_.end()) return UnknownScope(name_, scope);
  if (it->second.collections.contains(collection)) {
    return Status(KvStatus::kKeyEexists,
                  "collection '" + std::string(collection) + "' already exists");
  }
  AddCollection(it->second, scope, collection, next_uid_++);
  return Status::OK();
}

Status Bucket::DropCollection(std::string_view scope, std::string_view collection) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  auto it = scopes_.find(scope);
  if (it == scopes_.end()) return UnknownScope(name_, scope);
  auto found = it->second.collections.find(collection);
  if (found == it->second.collections.end()) {
    return Status(KvStatus::kUnknownCollection,
                  "collection '" + std::string(collection) + "' not found");
  }
  found->second->MarkDropped();
  it->second.collections.erase(found);
  return Status::OK();
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

void Bucket::MarkDropped() {
  for (const auto& collection : AllCollections()) collection->MarkDropped();
}

}  // namespace casql::kv
