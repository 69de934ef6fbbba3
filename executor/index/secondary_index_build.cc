// SecondaryIndex's initial build. Evaluating the index keys of every document (which parses each
// one's JSON on first use) is spread over one thread per core, each taking whole vBuckets in an
// unordered scan; each thread sorts its own entries, and the sorted runs are merged and appended
// to the tree at its end, where an insertion costs constant time instead of a search.
#include <algorithm>
#include <iterator>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "executor/index/secondary_index.h"
#include "executor/run_parallel.h"

namespace casql::exec {

std::vector<SecondaryIndex::Scanned> SecondaryIndex::ScanVBuckets(
    std::atomic<uint16_t>& next_vbucket) const {
  ExecContext ctx(nullptr, {});
  std::vector<Scanned> out;
  for (uint16_t vb = next_vbucket.fetch_add(1); vb < kv::kNumVBuckets;
       vb = next_vbucket.fetch_add(1)) {
    collection_->ScanVBucket(vb, [&](std::string_view key, const kv::GetResult& got) {
      out.push_back(Scanned{std::string(key), got.seqno, KeysOf(key, got.doc, ctx)});
    });
  }
  return out;
}

void SecondaryIndex::LoadExisting() {
  const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  std::atomic<uint16_t> next_vbucket{0};
  std::vector<std::vector<Scanned>> scanned(threads);
  RunParallel(threads, [&](size_t t) { scanned[t] = ScanVBuckets(next_vbucket); });
  BulkLoad(std::move(scanned));
}

void SecondaryIndex::BulkLoad(std::vector<std::vector<Scanned>> scanned) {
  // Entries are built and sorted outside the lock, one run per scanning thread, in parallel.
  std::vector<std::vector<IndexEntry>> runs(scanned.size());
  auto sort_run = [&](size_t r) {
    for (const Scanned& doc : scanned[r]) {
      for (const auto& keys : doc.keys) runs[r].push_back(IndexEntry{keys, doc.id});
    }
    std::sort(runs[r].begin(), runs[r].end(), EntryLess());
  };
  RunParallel(runs.size(), sort_run);
  while (runs.size() > 1) {
    std::vector<IndexEntry> merged;
    merged.reserve(runs[0].size() + runs.back().size());
    std::merge(std::make_move_iterator(runs[0].begin()), std::make_move_iterator(runs[0].end()),
               std::make_move_iterator(runs.back().begin()),
               std::make_move_iterator(runs.back().end()), std::back_inserter(merged), EntryLess());
    runs[0] = std::move(merged);
    runs.pop_back();
  }

  std::unique_lock lock(mu_);
  // Documents the listener indexed while the scan ran: whichever version is newer wins, as in
  // Apply, and their scanned entries are left out of the bulk load.
  std::unordered_set<std::string_view> raced;
  size_t total = 0;
  for (std::vector<Scanned>& run : scanned) {
    total += run.size();
    if (docs_.empty()) continue;
    for (Scanned& doc : run) {
      if (!docs_.contains(doc.id)) continue;
      raced.insert(doc.id);
      ApplyLocked(doc.id, doc.seqno, doc.keys);
    }
  }
  for (IndexEntry& entry : runs[0]) {
    if (!raced.contains(entry.id)) entries_.emplace_hint(entries_.end(), std::move(entry));
  }
  docs_.reserve(docs_.size() + total);
  for (std::vector<Scanned>& run : scanned) {
    for (Scanned& doc : run) {
      if (doc.keys.empty() || raced.contains(doc.id)) continue;
      docs_.try_emplace(std::move(doc.id), DocState{doc.seqno, std::move(doc.keys)});
    }
  }
}

}  // namespace casql::exec
