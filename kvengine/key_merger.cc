#include "kvengine/key_merger.h"

#include <algorithm>

namespace casql::kv {

KeyMerger::KeyMerger(std::vector<VBucket*> vbuckets, std::string_view start, std::string_view end)
    : end_(end) {
  sources_.reserve(vbuckets.size());
  for (VBucket* vbucket : vbuckets) sources_.push_back(Source{vbucket, {}});
  for (size_t i = 0; i < sources_.size(); ++i) Refill(i, start, /*exclusive=*/false);
}

void KeyMerger::Refill(size_t index, std::string_view from, bool exclusive) {
  Source& source = sources_[index];
  source.keys.clear();
  source.pos = 0;
  source.more = source.vbucket->CollectKeys(from, exclusive, end_, source.chunk, &source.keys);
  source.chunk = std::min<size_t>(source.chunk * 2, 1024);
  if (!source.keys.empty()) heap_.emplace(source.keys.front(), index);
}

bool KeyMerger::Next(std::string* key) {
  if (heap_.empty()) return false;
  const size_t index = heap_.top().second;
  heap_.pop();
  Source& source = sources_[index];
  // The source's buffer is only replaced once none of its keys is in the heap.
  *key = source.keys[source.pos++];
  if (source.pos < source.keys.size()) {
    heap_.emplace(source.keys[source.pos], index);
  } else if (source.more) {
    Refill(index, *key, /*exclusive=*/true);
  }
  return true;
}

}  // namespace casql::kv
