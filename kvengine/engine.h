#pragma once

#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "kvengine/bucket.h"
#include "kvengine/clock.h"
#include "kvengine/collection.h"
#include "kvengine/kv_status.h"
#include "kvengine/kv_types.h"

namespace casql::kv {

// The document store: buckets of scopes of collections.
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
  };

  static Result<std::unique_ptr<Engine>> Open(const Options& options);
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
  // NO_BUCKET, UNKNOWN_SCOPE or UNKNOWN_COLLECTION when the keyspace does not exist.
  Result<std::shared_ptr<Collection>> FindCollection(const KeyspaceId& id) const;

  // Makes everything acknowledged so far durable.
  Status Flush();

 private:
  explicit Engine(Options options);
  Result<std::shared_ptr<Bucket>> FindBucket(std::string_view name) const;

  const Options options_;
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<Bucket>, std::less<>> buckets_;  // guarded by mutex_
};

}  // namespace casql::kv
