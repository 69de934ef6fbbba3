#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <set>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "executor/exec_context.h"
#include "executor/expr/evaluator.h"
#include "kvengine/kvengine.h"
#include "planner/catalog.h"

namespace casql::exec {

// One entry of a secondary index: the document's index key values and its key.
struct IndexEntry {
  std::vector<Value> keys;
  std::string id;
};

// One bound of a scan over the leading index key.
struct IndexBound {
  Value value;
  bool inclusive = false;
  bool open = true;  // no bound on this side
};

// A secondary (GSI-like) index over one collection: entries ordered by their key values in
// N1QL collation, then by document key. A document contributes no entry when its leading key
// is MISSING, when it is not JSON, or when a partial index's WHERE is not TRUE; an array
// index key (`[DISTINCT] ARRAY ... END`) contributes one entry per distinct element.
//
// Maintenance is synchronous: kvengine calls the mutation listener on the writing thread
// before the write returns, so a scan sees every acknowledged mutation. That makes
// scan_consistency `request_plus` and `not_bounded` both exact (docs/select.md).
//
// Thread safety: Scan may run concurrently with itself and with maintenance (a shared
// mutex guards the entries); the listener runs on writer threads.
class SecondaryIndex {
 public:
  // Compiles the key expressions, registers the mutation listener, then indexes every
  // document already in the collection.
  static Result<std::shared_ptr<SecondaryIndex>> Build(plan::IndexInfo info,
                                                       std::shared_ptr<kv::Collection> collection);
  ~SecondaryIndex();
  SecondaryIndex(const SecondaryIndex&) = delete;
  SecondaryIndex& operator=(const SecondaryIndex&) = delete;

  const plan::IndexInfo& info() const { return info_; }
  size_t EntryCount() const;

  // The entries whose leading key lies between the bounds, in index order; at most
  // `max_entries` of them (the first ones), so a scan under a LIMIT copies no more.
  std::vector<IndexEntry> Scan(const IndexBound& low, const IndexBound& high,
                               uint64_t max_entries = UINT64_MAX) const;

 private:
  struct EntryLess {
    bool operator()(const IndexEntry& a, const IndexEntry& b) const;
  };
  struct DocState {
    uint64_t seqno = 0;
    std::vector<std::vector<Value>> entries;  // key tuples this document contributed
  };

  // A document the initial build read, with the key tuples it contributes.
  struct Scanned {
    std::string id;
    uint64_t seqno = 0;
    std::vector<std::vector<Value>> keys;
  };

  SecondaryIndex(plan::IndexInfo info, std::shared_ptr<kv::Collection> collection);
  Status Compile();
  // `ctx` is the caller's: an ExecContext is not meant for concurrent evaluations.
  std::vector<std::vector<Value>> KeysOf(std::string_view id, const kv::DocPtr& doc,
                                         ExecContext& ctx) const;
  // Replaces the document's entries; ignores a version older than the one indexed (the
  // initial build's scan can race with the listener).
  void Apply(std::string_view id, uint64_t seqno, const kv::DocPtr& doc);
  void ApplyLocked(std::string_view id, uint64_t seqno, std::vector<std::vector<Value>> keys);
  // The initial build (secondary_index_build.cc): indexes every document already in the
  // collection, one thread per core each taking whole vBuckets, then loads the sorted entries.
  void LoadExisting();
  std::vector<Scanned> ScanVBuckets(std::atomic<uint16_t>& next_vbucket) const;
  void BulkLoad(std::vector<std::vector<Scanned>> scanned);

  const plan::IndexInfo info_;
  const std::shared_ptr<kv::Collection> collection_;
  std::vector<EvaluatorPtr> keys_;
  EvaluatorPtr where_;
  bool array_leading_ = false;
  mutable ExecContext eval_ctx_;
  kv::Collection::ListenerId listener_ = 0;
  bool listening_ = false;

  mutable std::shared_mutex mu_;
  std::set<IndexEntry, EntryLess> entries_;
  std::unordered_map<std::string, DocState> docs_;
  bool building_ = true;  // keep deletions' seqnos until the initial scan is done
};

}  // namespace casql::exec
