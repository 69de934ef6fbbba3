#include "kvengine/engine.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <mutex>

#include "kvengine/bucket.h"
#include "kvengine/keyspace_names.h"
#include "kvengine/periodic_task.h"
#include "kvengine/recovery.h"

namespace casql::kv {
namespace {

constexpr std::chrono::milliseconds kFlushInterval{50};
constexpr std::chrono::milliseconds kCompactionCheckInterval{1000};

}  // namespace

Engine::Engine(Options options) : options_(std::move(options)) {}

Result<std::unique_ptr<Engine>> Engine::Open(const Options& options) {
  Options effective = options;
  if (effective.clock == nullptr) effective.clock = std::make_shared<SystemClock>();
  std::unique_ptr<Engine> engine(new Engine(std::move(effective)));
  if (engine->persistent()) CASQL_KV_RETURN_IF_ERROR(engine->Recover());
  engine->StartBackgroundTasks();
  return engine;
}

Engine::~Engine() {
  // Collections may outlive the engine in their holders' hands: their logs must stop calling
  // back into it, and, once flushed, stop taking records.
  for (const auto& bucket : AllBuckets()) {
    if (bucket->log() != nullptr) bucket->log()->SetCompactionWaker(nullptr);
  }
  pager_.reset();
  compactor_.reset();
  flusher_.reset();
  for (const auto& bucket : AllBuckets()) {
    if (bucket->log() == nullptr) continue;
    bucket->log()->SyncAll();
    bucket->log()->Close();
  }
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

BucketLog::Options Engine::LogOptions() const {
  return BucketLog::Options{options_.fsync, options_.write_fault, options_.compaction_slack_bytes};
}

Status Engine::Recover() {
  const std::filesystem::path dir(options_.data_dir);
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return IoError("mkdir", dir, error.value());
  const std::filesystem::path lock_path = dir / "LOCK";
  lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) return IoError("open", lock_path, errno);
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    return Status(KvStatus::kEinternal,
                  "data dir " + dir.string() + " is in use by another casql process");
  }
  std::vector<std::filesystem::path> bucket_dirs;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_directory()) continue;
    if (name.starts_with(".creating-") || name.starts_with(".dropping-")) {
      std::filesystem::remove_all(entry.path(), error);  // interrupted create or drop
    } else if (ValidateBucketName(name).ok()) {
      bucket_dirs.push_back(entry.path());
    }
  }
  for (const auto& bucket_dir : bucket_dirs) {
    Result<std::shared_ptr<Bucket>> bucket =
        RecoverBucket(bucket_dir, options_.clock, LogOptions(), &recovery_report_);
    if (!bucket.ok()) return bucket.status();
    buckets_.emplace((*bucket)->name(), *bucket);
  }
  std::fprintf(stderr, "%s\n", recovery_report_.Summary().c_str());
  return Status::OK();
}

void Engine::StartBackgroundTasks() {
  pager_ = std::make_unique<PeriodicTask>(options_.expiry_pager_interval, [this] {
    RunExpiryPager();
    RunTombstonePurger();
  });
  if (!persistent()) return;
  flusher_ = std::make_unique<PeriodicTask>(kFlushInterval, [this] { Flusher(); });
  compactor_ = std::make_unique<PeriodicTask>(kCompactionCheckInterval, [this] { Compactor(); });
  for (const auto& bucket : AllBuckets()) {
    bucket->log()->SetCompactionWaker([this] { compactor_->Wake(); });
  }
}

void Engine::Flusher() {
  for (const auto& bucket : AllBuckets()) bucket->log()->SyncAll();
}

void Engine::Compactor() {
  for (const auto& bucket : AllBuckets()) {
    if (!bucket->log()->WantsCompaction()) continue;
    Status status = bucket->Compact(options_.fsync);
    if (!status.ok()) {
      std::fprintf(stderr, "kvengine: compaction of bucket '%s' failed: %s\n",
                   bucket->name().c_str(), status.ToString().c_str());
    }
  }
}

size_t Engine::RunExpiryPager() {
  size_t expired = 0;
  for (const auto& bucket : AllBuckets()) {
    for (const auto& collection : bucket->AllCollections()) expired += collection->ExpireDue();
  }
  return expired;
}

size_t Engine::RunTombstonePurger() {
  const int64_t deleted_by =
      options_.clock->NowSeconds() - options_.metadata_purge_interval.count();
  size_t purged = 0;
  for (const auto& bucket : AllBuckets()) {
    for (const auto& collection : bucket->AllCollections()) {
      purged += collection->PurgeTombstones(deleted_by);
    }
  }
  return purged;
}

Status Engine::Compact(std::string_view name) {
  Result<std::shared_ptr<Bucket>> bucket = FindBucket(name);
  if (!bucket.ok()) return bucket.status();
  return (*bucket)->Compact(options_.fsync);
}

Result<BucketLog::Stats> Engine::LogStats(std::string_view name) const {
  Result<std::shared_ptr<Bucket>> bucket = FindBucket(name);
  if (!bucket.ok()) return bucket.status();
  if ((*bucket)->log() == nullptr) return Status(KvStatus::kEinval, "the engine is in memory only");
  return (*bucket)->log()->stats();
}

Result<std::shared_ptr<Bucket>> Engine::FindBucket(std::string_view name) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  auto it = buckets_.find(name);
  if (it == buckets_.end()) {
    return Status(KvStatus::kNoBucket, "bucket '" + std::string(name) + "' not found");
  }
  return it->second;
}

std::vector<std::shared_ptr<Bucket>> Engine::AllBuckets() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  std::vector<std::shared_ptr<Bucket>> all;
  for (const auto& [name, bucket] : buckets_) all.push_back(bucket);
  return all;
}

Status Engine::CreateBucket(std::string_view name) {
  CASQL_KV_RETURN_IF_ERROR(ValidateBucketName(name));
  std::unique_lock<std::shared_mutex> lock(mutex_);
  if (buckets_.contains(name)) {
    return Status(KvStatus::kKeyEexists, "bucket '" + std::string(name) + "' already exists");
  }
  if (!persistent()) {
    buckets_.emplace(std::string(name),
                     std::make_shared<Bucket>(std::string(name), options_.clock));
    return Status::OK();
  }
  const std::filesystem::path data_dir(options_.data_dir);
  CASQL_KV_RETURN_IF_ERROR(CreateBucketDirectory(data_dir, std::string(name), options_.fsync));
  RecoveryReport ignored;  // a new bucket has nothing to recover
  Result<std::shared_ptr<Bucket>> bucket =
      RecoverBucket(data_dir / std::string(name), options_.clock, LogOptions(), &ignored);
  if (!bucket.ok()) return bucket.status();
  (*bucket)->log()->SetCompactionWaker([this] { compactor_->Wake(); });
  buckets_.emplace(std::string(name), *bucket);
  return Status::OK();
}

Status Engine::DropBucket(std::string_view name) {
  std::filesystem::path doomed;
  {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    CASQL_KV_RETURN_IF_ERROR(DetachBucket(name, &doomed));
  }
  std::error_code ignored;
  if (!doomed.empty()) std::filesystem::remove_all(doomed, ignored);
  return Status::OK();
}

Status Engine::DetachBucket(std::string_view name, std::filesystem::path* doomed) {
  auto it = buckets_.find(name);
  if (it == buckets_.end()) {
    return Status(KvStatus::kNoBucket, "bucket '" + std::string(name) + "' not found");
  }
  it->second->Close();
  buckets_.erase(it);
  if (!persistent()) return Status::OK();
  // Renamed first so a crash while deleting cannot leave half a bucket to recover.
  const std::filesystem::path data_dir(options_.data_dir);
  *doomed = data_dir / (".dropping-" + std::string(name) + "-" + std::to_string(++drop_counter_));
  std::error_code error;
  std::filesystem::rename(data_dir / std::string(name), *doomed, error);
  if (error) return IoError("rename of", data_dir / std::string(name), error.value());
  return options_.fsync ? SyncDirectory(data_dir) : Status::OK();
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

Result<uint32_t> Engine::ScopeUid(std::string_view bucket, std::string_view scope) const {
  Result<std::shared_ptr<Bucket>> found = FindBucket(bucket);
  if (!found.ok()) return found.status();
  return (*found)->ScopeUid(scope);
}

Result<std::shared_ptr<Collection>> Engine::FindCollection(const KeyspaceId& id) const {
  Result<std::shared_ptr<Bucket>> found = FindBucket(id.bucket);
  if (!found.ok()) return found.status();
  return (*found)->FindCollection(id.scope, id.collection);
}

Status Engine::Flush() {
  for (const auto& bucket : AllBuckets()) {
    if (bucket->log() != nullptr) CASQL_KV_RETURN_IF_ERROR(bucket->log()->SyncAll());
  }
  return Status::OK();
}

}  // namespace casql::kv
