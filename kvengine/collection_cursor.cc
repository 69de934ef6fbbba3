#include "kvengine/collection.h"
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
