#include "kvengine/vbucket.h"

#include <zlib.h>

#include <algorithm>

namespace casql::kv {

static_assert(sizeof(VBucket::Stripe) == 64, "a stripe's mutex and table share one cache line");

uint16_t VBucketOf(std::string_view key) {
  const uLong crc =
      crc32(0L, reinterpret_cast<const Bytef*>(key.data()), static_cast<uInt>(key.size()));
  return static_cast<uint16_t>(((crc >> 16) & 0x7fff) % kNumVBuckets);
}

std::pair<const std::string*, DocumentEntry*> VBucket::Find(Stripe& stripe, std::string_view key,
                                                            uint64_t hash) {
  KeyTable::Node* node = stripe.table.Find(key, hash);
  if (node == nullptr) return {nullptr, nullptr};
  return {&node->key, &node->entry};
}

std::pair<const std::string*, DocumentEntry*> VBucket::Create(Stripe& stripe, std::string_view key,
                                                              uint64_t hash) {
  KeyTable::Node* node = stripe.table.Insert(key, hash);
  probe_hints_[hash % kStripes].store(stripe.table.ProbeHint(), std::memory_order_relaxed);
  std::lock_guard<std::mutex> index_lock(key_index_mutex_);
  key_index_.emplace(key);
  return {&node->key, &node->entry};
}

std::pair<const std::string*, DocumentEntry*> VBucket::CreateUnindexed(Stripe& stripe,
                                                                       std::string_view key,
                                                                       uint64_t hash) {
  KeyTable::Node* node = stripe.table.Insert(key, hash);
  return {&node->key, &node->entry};
}

void VBucket::IndexAllKeys() {
  std::vector<std::string> keys;
  for (Stripe& stripe : stripes_) {
    std::lock_guard<std::mutex> lock(stripe.mutex);
    stripe.table.ForEach([&](KeyTable::Node& node) { keys.push_back(node.key); });
  }
  std::sort(keys.begin(), keys.end());
  std::lock_guard<std::mutex> index_lock(key_index_mutex_);
  for (std::string& key : keys) key_index_.emplace_hint(key_index_.end(), std::move(key));
}

void VBucket::ObserveRecovered(uint64_t seqno, uint64_t cas) {
  if (seqno > high_seqno_) high_seqno_ = seqno;
  hlc_.Observe(cas);
}

bool VBucket::CollectKeys(std::string_view from, bool exclusive, std::string_view end, size_t max,
                          std::vector<std::string>* out) {
  std::lock_guard<std::mutex> lock(key_index_mutex_);
  auto it = exclusive ? key_index_.upper_bound(from) : key_index_.lower_bound(from);
  for (size_t n = 0; n < max; ++n, ++it) {
    if (it == key_index_.end() || (!end.empty() && *it >= end)) return false;
    out->emplace_back(*it);
  }
  return it != key_index_.end() && (end.empty() || *it < end);
}

size_t VBucket::EraseIf(
    const std::function<bool(const std::string&, const DocumentEntry&)>& doomed) {
  size_t erased = 0;
  std::vector<std::string> keys;
  for (Stripe& stripe : stripes_) {
    std::lock_guard<std::mutex> lock(stripe.mutex);
    keys.clear();
    stripe.table.ForEach([&](KeyTable::Node& node) {
      if (doomed(node.key, node.entry)) keys.push_back(node.key);
    });
    for (const std::string& key : keys) stripe.table.Erase(key, KeyTable::Hash(key));
    std::lock_guard<std::mutex> index_lock(key_index_mutex_);
    for (const std::string& key : keys) key_index_.erase(key);
    erased += keys.size();
  }
  return erased;
}

void VBucket::ForEachEntry(const std::function<void(const std::string&, DocumentEntry&)>& fn) {
  for (Stripe& stripe : stripes_) {
    std::lock_guard<std::mutex> lock(stripe.mutex);
    stripe.table.ForEach([&](KeyTable::Node& node) { fn(node.key, node.entry); });
  }
}

}  // namespace casql::kv
