#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kvengine/bucket_log.h"
#include "kvengine/clock.h"
#include "kvengine/collection.h"
#include "kvengine/kv_status.h"
#include "kvengine/log_record.h"

namespace casql::kv {

// A bucket's scopes and collections, and its log when the engine persists. The _default scope and
// its _default collection always exist (neither can be dropped). Scopes and
// collections carry numeric ids, never reused within the bucket (as Couchbase's collection ids),
// so a dropped and re-created name is a new keyspace, also in the log.
//
// Thread safety: all methods may be called from any thread; the catalog is guarded by a
// reader-writer mutex that no document operation takes. Compact and Close are serialized by
// their own mutex. ReplayRecord and AttachLog run before the bucket is shared; document records
// may be replayed concurrently with each other (ReplayWorkers), never with a catalog record.
class Bucket {
 public:
  Bucket(std::string name, std::shared_ptr<const Clock> clock);

  const std::string& name() const { return name_; }

  Status CreateScope(std::string_view scope);
  Status DropScope(std::string_view scope);
  Status CreateCollection(std::string_view scope, std::string_view collection);
  Status DropCollection(std::string_view scope, std::string_view collection);
  std::vector<std::string> ListScopes() const;
  std::vector<std::string> ListCollections(std::string_view scope) const;
  // The scope's numeric id (0 for _default); UNKNOWN_SCOPE when there is no such scope.
  Result<uint32_t> ScopeUid(std::string_view scope) const;
  Result<std::shared_ptr<Collection>> FindCollection(std::string_view scope,
                                                     std::string_view collection) const;
  std::vector<std::shared_ptr<Collection>> AllCollections() const;

  // Persistence.
  void ReplayRecord(const LogRecord& record);
  // After the last ReplayRecord (see Collection::FinishRecovery).
  void FinishRecovery();
  // The records a snapshot needs to rebuild the catalog.
  void AppendCatalogRecords(std::string* out) const;
  // Catalog and documents, as a snapshot would hold them.
  int64_t LiveBytes() const;
  void AttachLog(std::shared_ptr<BucketLog> log);
  BucketLog* log() const { return log_.get(); }
  // Rewrites the log as one snapshot of the current state plus the segment written meanwhile.
  Status Compact(bool fsync);
  // Marks every collection dropped and stops using the log (the bucket is being dropped).
  void Close();

 private:
  struct Scope {
    uint32_t uid = 0;
    std::map<std::string, std::shared_ptr<Collection>, std::less<>> collections;
  };

  // Caller holds mutex_ exclusively.
  void AddScope(std::string_view scope, uint32_t uid);
  void AddCollection(Scope& scope, std::string_view scope_name, std::string_view collection,
                     uint32_t uid);
  void RemoveCollection(Scope& scope, const std::string& collection);
  Scope* ScopeByUid(uint32_t uid);
  // Catalog changes are appended under mutex_, so the log holds them in the order they were
  // made, and synced after it is released. `live_delta` as for BucketLog::Append.
  uint64_t AppendCatalog(const std::string& record, int64_t live_delta);
  Status SyncCatalog(uint64_t position);

  const std::string name_;
  const std::shared_ptr<const Clock> clock_;
  std::shared_ptr<BucketLog> log_;  // null when in memory only; set before sharing
  mutable std::shared_mutex mutex_;
  std::map<std::string, Scope, std::less<>> scopes_;                  // guarded by mutex_
  std::unordered_map<uint32_t, std::shared_ptr<Collection>> by_uid_;  // guarded by mutex_
  uint32_t next_uid_ = 8;  // guarded by mutex_; ids below 8 are reserved as in Couchbase
  std::mutex maintenance_mutex_;
  bool closed_ = false;  // guarded by maintenance_mutex_
};

}  // namespace casql::kv
