#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kvengine/document_entry.h"

namespace casql::kv {

// The hash table of one vBucket stripe: open addressing with the key and its entry stored in the
// slot itself, so a lookup usually costs one cache miss (std::unordered_map costs three: bucket,
// preceding node, node). Slots move when the table grows: a Node pointer is valid only until the
// next Insert.
//
// Thread safety: none; the owning stripe's mutex guards it.
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
    for (Slot& slot : slots_) {
      if (slot.used) fn(slot.node);
    }
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    bool used = false;
    Node node;
  };

  size_t IndexOf(uint64_t hash) const {
    // The stripe was chosen from the low bits; Fibonacci hashing spreads all bits over the slots.
    return static_cast<size_t>((hash * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  Slot& FreeSlotFor(uint64_t hash);
  void Grow();

  std::vector<Slot> slots_;
  size_t size_ = 0;
  int shift_ = 64;
};

}  // namespace casql::kv
