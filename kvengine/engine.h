#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "kvengine/bucket_log.h"
#include "kvengine/clock.h"
#include "kvengine/collection.h"
#include "kvengine/file_util.h"
#include "kvengine/kv_status.h"
#include "kvengine/kv_types.h"
#include "kvengine/recovery_report.h"

namespace casql::kv {

class Bucket;
class PeriodicTask;

// The document store: buckets of scopes of collections, kept in memory and, with a data dir,
// in one append-only log per bucket (<data_dir>/<bucket>/), recovered by Open.
//
// Background threads: a flusher writing every bucket's log at least every 50 ms, a compactor
// rewriting a bucket's log once it outgrows its live data, and an expiry pager.
//
// Thread safety: all methods may be called from any thread. The bucket map is guarded by a
// reader-writer mutex taken only to find, create or drop a bucket.
class Engine {
 public:
  struct Options {
    std::string data_dir;  // empty = in memory only
    bool fsync = true;
    // Time for expiry and lock timeouts; the system clock when null.
    std::shared_ptr<const Clock> clock;
    std::chrono::milliseconds expiry_pager_interval{10'000};
    // Tombstones older than this are purged (Couchbase's metadata purge interval, 3 days by
    // default); the expiry pager runs the purger.
    std::chrono::seconds metadata_purge_interval{3 * 24 * 60 * 60};
    // A log may grow to twice its live data plus this before compaction holds writers back.
    uint64_t compaction_slack_bytes = 16 << 20;
    // Test and --fault-injection hook making log writes fail as on a full disk.
    WriteFault write_fault;
  };

  // Opens (creating if needed) the data dir and recovers every bucket in it.
  static Result<std::unique_ptr<Engine>> Open(const Options& options);
  // Clean shutdown: stops the background threads and flushes every log.
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  Status CreateBucket(std::string_view name);
  Status DropBucket(std::string_view name);
  Status CreateScope(std::string_view bucket, std::string_view scope);
  Status DropScope(std::string_view bucket, std::string_view scope);
  Status CreateCollection(std::string_view bucket, std::string_view scope,
                          std::string_view collection);
  Status DropCollection(std::string_view bucket, std::string_view scope,
                        std::string_view collection);
  std::vector<std::string> ListBuckets() const;
  std::vector<std::string> ListScopes(std::string_view bucket) const;
  std::vector<std::string> ListCollections(std::string_view bucket, std::string_view scope) const;
  // A scope's numeric id (0 for _default), as the KV protocol's collections manifest shows it.
  Result<uint32_t> ScopeUid(std::string_view bucket, std::string_view scope) const;
  // NO_BUCKET, UNKNOWN_SCOPE or UNKNOWN_COLLECTION when the keyspace does not exist.
  Result<std::shared_ptr<Collection>> FindCollection(const KeyspaceId& id) const;

  // Makes everything acknowledged so far durable.
  Status Flush();

  const RecoveryReport& recovery_report() const { return recovery_report_; }
  // Runs the expiry pager now; returns how many documents it expired.
  size_t RunExpiryPager();
  // Purges the tombstones older than the metadata purge interval now; returns how many.
  size_t RunTombstonePurger();
  // Compacts one bucket's log now (the compactor does this on its own when needed).
  Status Compact(std::string_view bucket);
  Result<BucketLog::Stats> LogStats(std::string_view bucket) const;

 private:
  explicit Engine(Options options);
  Status Recover();
  void StartBackgroundTasks();
  void Flusher();
  void Compactor();
  Result<std::shared_ptr<Bucket>> FindBucket(std::string_view name) const;
  // Caller holds mutex_: unpublishes and closes the bucket and renames its directory to
  // `doomed`, which the caller deletes after releasing the mutex.
  Status DetachBucket(std::string_view name, std::filesystem::path* doomed);
  std::vector<std::shared_ptr<Bucket>> AllBuckets() const;
  BucketLog::Options LogOptions() const;
  bool persistent() const { return !options_.data_dir.empty(); }

  const Options options_;
  int lock_fd_ = -1;  // flock on <data_dir>/LOCK: one engine per data dir
  RecoveryReport recovery_report_;
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<Bucket>, std::less<>> buckets_;  // guarded by mutex_
  uint64_t drop_counter_ = 0;                                            // guarded by mutex_
  std::unique_ptr<PeriodicTask> flusher_;
  std::unique_ptr<PeriodicTask> compactor_;
  std::unique_ptr<PeriodicTask> pager_;
};

}  // namespace casql::kv
