#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "kvengine/document_entry.h"

namespace casql::kv {

// The hash table of one vBucket stripe: open addressing with the key and its entry stored in the
// slot itself, so a lookup usually costs one cache miss (std::unordered_map costs three: bucket,
// preceding node, node). Slots move when the table grows: a Node pointer is valid only until the
// next Insert. The header is 16 bytes so a stripe's mutex, table and pending-write pointer share
// one cache line.
//
// Thread safety: none; the owning stripe's mutex guards it. ProbeHint() values may be read
// without it (see Prefetch).
class KeyTable {
 public:
  struct Node {
    std::string key;
    DocumentEntry entry;
  };

  static uint64_t Hash(std::string_view key) { return std::hash<std::string_view>{}(key); }

  Node* Find(std::string_view key, uint64_t hash);
  // Adds `key`, which must not be present.
  Node* Insert(std::string_view key, uint64_t hash);
  // Removes `key` if present (backward-shift deletion: no markers left to lengthen probes).
  bool Erase(std::string_view key, uint64_t hash);
  template <typename Fn>
  void ForEach(Fn&& fn) {
    for (size_t i = 0; i < capacity(); ++i) {
      if (slots_[i].used) fn(slots_[i].node);
    }
  }

  // The slot array's address and size packed in one word (0 while empty), changed only by Insert.
  // A reader keeps a copy outside the mutex's cache line and prefetches a key's home slot from it
  // while it waits for the mutex; a stale hint only prefetches a useless line (a prefetch never
  // faults), the lookup itself always runs under the mutex.
  uintptr_t ProbeHint() const;
  static void Prefetch(uintptr_t hint, uint64_t hash);

 private:
  // Two whole cache lines: a lookup touches the hash, key and entry of a slot, and the adjacent-
  // line prefetcher brings the pair in together.
  struct alignas(64) Slot {
    uint64_t hash = 0;
    bool used = false;
    Node node;
  };

  static size_t IndexOf(uint64_t hash, uint32_t shift) {
    // The stripe was chosen from the low bits; Fibonacci hashing spreads all bits over the slots.
    return static_cast<size_t>((hash * 0x9E3779B97F4A7C15ull) >> shift);
  }
  size_t capacity() const { return slots_ ? size_t{1} << (64 - shift_) : 0; }
  Slot& FreeSlotFor(uint64_t hash);
  void Grow();

  std::unique_ptr<Slot[]> slots_;
  uint32_t size_ = 0;
  uint32_t shift_ = 64;
};

}  // namespace casql::kv
