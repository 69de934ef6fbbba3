#pragma once

#include <cstddef>
#include <queue>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kvengine/vbucket.h"

namespace casql::kv {

// Produces the keys of many vBuckets in one ascending order by merging their key indexes. Each
// vBucket is read in growing chunks (under its key-index mutex, never across a callback), so a
// scan that stops early touches little and writers are never blocked for a whole scan.
//
// Thread safety: one merger per scan, used by one thread; the vBuckets may change concurrently
// (a key created during the scan may or may not be returned).
class KeyMerger {
 public:
  KeyMerger(std::vector<VBucket*> vbuckets, std::string_view start, std::string_view end);
  // The next key in [start, end), or false when there is none.
  bool Next(std::string* key);

 private:
  struct Source {
    VBucket* vbucket;
    std::vector<std::string> keys;
    size_t pos = 0;
    bool more = true;
    size_t chunk = 4;
  };
  using HeapItem = std::pair<std::string_view, size_t>;

  void Refill(size_t index, std::string_view from, bool exclusive);

  std::string end_;
  std::vector<Source> sources_;
  std::priority_queue<HeapItem, std::vector<HeapItem>, std::greater<>> heap_;
};

}  // namespace casql::kv
