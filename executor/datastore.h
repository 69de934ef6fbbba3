#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "executor/index/secondary_index.h"
#include "kvengine/kvengine.h"
#include "planner/catalog.h"
#include "planner/prepared_registry.h"
#include "value/status.h"

namespace casql::exec {

// The store the query layer runs over: kvengine's keyspaces and documents plus the indexes
// (primary index names and secondary indexes, executor/index/). Implements the planner's
// Catalog.
//
// Thread safety: all methods may be called concurrently.
class Datastore final : public plan::Catalog {
 public:
  // data_dir empty: everything in memory. Otherwise kvengine's log and the index
  // definitions (data_dir/indexes.json, replaced atomically) live there.
  static Result<std::unique_ptr<Datastore>> Open(const std::string& data_dir);
  // The same with kvengine's other options too (tests inject write faults through them).
  static Result<std::unique_ptr<Datastore>> Open(kv::Engine::Options options);

  kv::Engine& engine() { return *engine_; }

  // The collection behind a resolved keyspace, or 12003.
  Result<std::shared_ptr<kv::Collection>> Collection(const plan::KeyspacePath& path) const;

  Status CreatePrimaryIndex(const plan::KeyspacePath& path, const std::string& name,
                            bool if_not_exists);
  // Builds and registers a secondary index (4300 when the name is taken on the keyspace).
  Status CreateIndex(const plan::KeyspacePath& path, plan::IndexInfo info, bool if_not_exists);
  // Drops a primary or secondary index by name (12016 when there is none).
  Status DropIndex(const plan::KeyspacePath& path, const std::string& name, bool if_exists);
  std::shared_ptr<const SecondaryIndex> FindIndex(const plan::KeyspacePath& path,
                                                  const std::string& name) const;

  // Every index, for system:indexes.
  struct IndexListing {
    plan::KeyspacePath keyspace;
    std::string name;
    bool primary = false;
    plan::IndexInfo info;  // secondary indexes only
  };
  std::vector<IndexListing> AllIndexes() const;
  // Forgets the index definitions of a dropped bucket, scope or collection.
  Status ForgetIndexes(const std::string& bucket, const std::string& scope = "",
                       const std::string& collection = "");

  // Moves on whenever keyspaces or indexes change, so cached plans can tell they are stale.
  uint64_t catalog_version() const override {
    return catalog_version_.load(std::memory_order_acquire);
  }
  void CatalogChanged() { catalog_version_.fetch_add(1, std::memory_order_acq_rel); }

  plan::KeyspaceState Lookup(const plan::KeyspacePath& path) const override;
  std::optional<std::string> PrimaryIndex(const plan::KeyspacePath& path) const override;
  std::vector<plan::IndexInfo> SecondaryIndexes(const plan::KeyspacePath& path) const override;
  plan::PreparedRegistry& prepareds() const override { return prepareds_; }

  // system:active_requests and system:completed_requests list the server's requests, which
  // only http/ knows; the server registers how to list them (an array of request objects).
  // Without a lister (the regression runner, unit tests) both keyspaces are empty.
  using RequestLister = std::function<Value(bool active)>;
  void SetRequestLister(RequestLister lister);
  Value ListRequests(bool active) const;

 private:
  Datastore(std::unique_ptr<kv::Engine> engine, std::string data_dir)
      : engine_(std::move(engine)), data_dir_(std::move(data_dir)) {}
  static std::string IndexKey(const plan::KeyspacePath& path);
  static plan::KeyspacePath PathOfKey(const std::string& key);
  Status LoadIndexes();
  Status LoadSecondary(const Value& def);
  Status SaveIndexesLocked() const;
  bool NameTakenLocked(const std::string& keyspace, const std::string& name) const;

  std::unique_ptr<kv::Engine> engine_;
  std::string data_dir_;
  mutable std::mutex mu_;
  std::map<std::string, std::string> primary_indexes_;  // "bucket.scope.collection" -> name
  std::map<std::string, std::vector<std::shared_ptr<SecondaryIndex>>> secondary_indexes_;
  uint64_t next_index_id_ = 1;
  std::atomic<uint64_t> catalog_version_{0};
  // Registering a prepared statement does not change the catalog, hence mutable.
  mutable plan::PreparedRegistry prepareds_;
  mutable std::mutex lister_mu_;
  RequestLister request_lister_;
};

// Maps kvengine's keyspace statuses to 12003 for `path`.
Status KeyspaceError(const plan::KeyspacePath& path, kv::KvStatus status);

}  // namespace casql::exec
