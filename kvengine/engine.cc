#include "kvengine/engine.h"

#include <mutex>

#include "kvengine/keyspace_names.h"

namespace casql::kv {

Engine::Engine(Options options) : options_(std::move(options)) {}

Engine::~Engine() = default;

Result<std::unique_ptr<Engine>> Engine::Open(const Options& options) {
  Options effective = options;
  if (effective.clock == nullptr) effective.clock = std::make_shared<SystemClock>();
  return std::unique_ptr<Engine>(new Engine(std::move(effective)));
}

Result<std::shared_ptr<Bucket>> Engine::FindBucket(std::string_view name) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  auto it = buckets_.find(name);
  if (it == buckets_.end()) {
    return Status(KvStatus::kNoBucket, "bucket '" + std::string(name) + "' not found");
  }
  return it->second;
}

Status Engine::CreateBucket(std::string_view name) {
  CASQL_KV_RETURN_IF_ERROR(ValidateBucketName(name));
  std::unique_lock<std::shared_mutex> lock(mutex_);
  if (buckets_.contains(name)) {
    return Status(KvStatus::kKeyEexists, "bucket '" + std::string(name) + "' already exists");
  }
  buckets_.emplace(std::string(name), std::make_shared<Bucket>(std::string(name), options_.clock));
  return Status::OK();
}

Status Engine::DropBucket(std::string_view name) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  auto it = buckets_.find(name);
  if (it == buckets_.end()) {
    return Status(KvStatus::kNoBucket, "bucket '" + std::string(name) + "' not found");
  }
  it->second->MarkDropped();
  buckets_.erase(it);
  return Status::OK();
}

Status Engine::CreateScope(std::string_view bucket, std::string_view scope) {
  Result<std::shared_ptr<Bucket>> found = FindBucket(bucket);
  if (!found.ok()) return found.status();
  return (*found)->CreateScope(scope);
}

Status Engine::DropScope(std::string_view bucket, std::string_view scope) {
  Result<std::shared_ptr<Bucket>> found = FindBucket(bucket);
  if (!found.ok()) return found.status();
  return (*found)->DropScope(scope);
}

Status Engine::CreateCollection(std::string_view bucket, std::string_view scope,
                                std::string_view collection) {
  Result<std::shared_ptr<Bucket>> found = FindBucket(bucket);
  if (!found.ok()) return found.status();
  return (*found)->CreateCollection(scope, collection);
}

Status Engine::DropCollection(std::string_view bucket, std::string_view scope,
                              std::string_view collection) {
  Result<std::shared_ptr<Bucket>> found = FindBucket(bucket);
  if (!found.ok()) return found.status();
  return (*found)->DropCollection(scope, collection);
}

std::vector<std::string> Engine::ListBuckets() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  std::vector<std::string> names;
  for (const auto& [name, bucket] : buckets_) names.push_back(name);
  return names;
}

std::vector<std::string> Engine::ListScopes(std::string_view bucket) const {
  Result<std::shared_ptr<Bucket>> found = FindBucket(bucket);
  return found.ok() ? (*found)->ListScopes() : std::vector<std::string>{};
}

std::vector<std::string> Engine::ListCollections(std::string_view bucket,
                                                 std::string_view scope) const {
  Result<std::shared_ptr<Bucket>> found = FindBucket(bucket);
  return found.ok() ? (*found)->ListCollections(scope) : std::vector<std::string>{};
}

Result<std::shared_ptr<Collection>> Engine::FindCollection(const KeyspaceId& id) const {
  Result<std::shared_ptr<Bucket>> found = FindBucket(id.bucket);
  if (!found.ok()) return found.status();
  return (*found)->FindCollection(id.scope, id.collection);
}

Status Engine::Flush() {
  return Status::OK();
}

}  // namespace casql::kv
