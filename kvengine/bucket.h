#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "kvengine/clock.h"
#include "kvengine/collection.h"
#include "kvengine/kv_status.h"

namespace casql::kv {

// A bucket's scopes and collections. Scopes and collections carry numeric ids, never reused
// within the bucket (as Couchbase's collection ids), so a dropped and re-created name is a new
// keyspace.
//
// Thread safety: all methods may be called from any thread; the catalog is guarded by a
// reader-writer mutex that no document operation takes.
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
  Result<std::shared_ptr<Collection>> FindCollection(std::string_view scope,
                                                     std::string_view collection) const;
  std::vector<std::shared_ptr<Collection>> AllCollections() const;
  // Marks every collection dropped (the bucket is being dropped).
  void MarkDropped();

 private:
  struct Scope {
    uint32_t uid = 0;
    std::map<std::string, std::shared_ptr<Collection>, std::less<>> collections;
  };

  // Caller holds mutex_ exclusively.
  void AddScope(std::string_view scope, uint32_t uid);
  void AddCollection(Scope& scope, std::string_view scope_name, std::string_view collection,
                     uint32_t uid);

  const std::string name_;
  const std::shared_ptr<const Clock> clock_;
  mutable std::shared_mutex mutex_;
  std::map<std::string, Scope, std::less<>> scopes_;  // guarded by mutex_
  uint32_t next_uid_ = 8;                             // guarded by mutex_; ids below 8 are reserved
};

}  // namespace casql::kv
