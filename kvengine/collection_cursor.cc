#include "kvengine/collection.h"

#include <algorithm>
#include <cstdint>

#include "kvengine/key_merger.h"

namespace casql::kv {

Collection::Cursor::Cursor(const Collection* collection, std::unique_ptr<KeyMerger> merger)
    : collection_(collection), merger_(std::move(merger)) {}
Collection::Cursor::Cursor(Cursor&&) noexcept = default;
Collection::Cursor& Collection::Cursor::operator=(Cursor&&) noexcept = default;
Collection::Cursor::~Cursor() = default;

Collection::Cursor Collection::OpenScan(std::string_view start, std::string_view end) const {
  std::vector<VBucket*> vbuckets;
  for (uint16_t id = 0; id < kNumVBuckets; ++id) {
    if (VBucket* vbucket = FindVBucket(id)) vbuckets.push_back(vbucket);
  }
  return Cursor(this, std::make_unique<KeyMerger>(std::move(vbuckets), start, end));
}

std::vector<std::string> Collection::SplitKeys(size_t parts) const {
  // Whole vBuckets spread over the 1024 until the sample holds about 8,000 keys: eight of them
  // for a million documents, one for a larger collection. Each is copied under its own mutex.
  constexpr size_t kEnough = 8192;
  constexpr uint16_t kMostSampled = 8;
  std::vector<std::string> sample;
  for (uint16_t i = 0; i < kMostSampled && sample.size() < kEnough; ++i) {
    if (VBucket* vbucket = FindVBucket(i * (kNumVBuckets / kMostSampled))) {
      vbucket->CollectKeys("", false, "", SIZE_MAX, &sample);
    }
  }
  std::vector<std::string> splits;
  if (parts < 2 || sample.empty()) return splits;
  std::sort(sample.begin(), sample.end());
  for (size_t part = 1; part < parts; ++part) {
    const std::string& key = sample[sample.size() * part / parts];
    // An empty key cannot bound a range (it means "unbounded"); equal cuts would make an
    // empty range.
    if (!key.empty() && (splits.empty() || splits.back() < key)) splits.push_back(key);
  }
  return splits;
}

bool Collection::Cursor::Next(std::string* key, GetResult* item) {
  while (merger_->Next(key)) {
    VBucket& vbucket = *collection_->FindVBucket(VBucketOf(*key));
    const uint64_t hash = KeyTable::Hash(*key);
    VBucket::Stripe& stripe = vbucket.StripeFor(hash);
    std::lock_guard<std::mutex> lock(stripe.mutex);
    auto [stored_key, found] = VBucket::Find(stripe, *key, hash);
    if (found == nullptr) continue;  // a tombstone purged since the key was listed
    const DocumentEntry& entry = collection_->Visible(stripe, *key, *found);
    const int64_t now = collection_->TimeFor(entry);
    if (entry.alive() && !entry.ExpiredAt(now)) {
      *item = collection_->ReadEntry(entry, now);
      return true;
    }
  }
  return false;
}

}  // namespace casql::kv
