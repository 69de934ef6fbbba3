#include "kvengine/key_table.h"

#include <bit>
#include <cstddef>
#include <utility>

namespace casql::kv {

KeyTable::Node* KeyTable::Find(std::string_view key, uint64_t hash) {
  if (slots_.empty()) return nullptr;
  const size_t mask = slots_.size() - 1;
  for (size_t i = IndexOf(hash);; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (!slot.used) return nullptr;
    if (slot.hash == hash && slot.node.key == key) return &slot.node;
  }
}

KeyTable::Slot& KeyTable::FreeSlotFor(uint64_t hash) {
  const size_t mask = slots_.size() - 1;
  size_t i = IndexOf(hash);
  while (slots_[i].used) i = (i + 1) & mask;
  return slots_[i];
}

KeyTable::Node* KeyTable::Insert(std::string_view key, uint64_t hash) {
  // At most 5/8 full: linear probes stay short.
  if ((size_ + 1) * 8 > slots_.size() * 5) Grow();
  Slot& slot = FreeSlotFor(hash);
  slot.hash = hash;
  slot.used = true;
  slot.node.key = std::string(key);
  ++size_;
  return &slot.node;
}

bool KeyTable::Erase(std::string_view key, uint64_t hash) {
  Node* node = Find(key, hash);
  if (node == nullptr) return false;
  const size_t mask = slots_.size() - 1;
  size_t hole = static_cast<size_t>(
      reinterpret_cast<Slot*>(reinterpret_cast<char*>(node) - offsetof(Slot, node)) -
      slots_.data());
  slots_[hole] = Slot{};
  // Pull back every following entry of the run that may live in the hole: one whose home slot
  // is not cyclically within (hole, next].
  for (size_t next = (hole + 1) & mask; slots_[next].used; next = (next + 1) & mask) {
    const size_t home = IndexOf(slots_[next].hash);
    const bool stays = hole < next ? (home > hole && home <= next) : (home > hole || home <= next);
    if (stays) continue;
    slots_[hole] = std::move(slots_[next]);
    slots_[next] = Slot{};
    hole = next;
  }
  --size_;
  return true;
}

void KeyTable::Grow() {
  std::vector<Slot> old = std::move(slots_);
  const size_t capacity = old.empty() ? 8 : old.size() * 2;
  slots_ = std::vector<Slot>(capacity);
  shift_ = 64 - std::countr_zero(capacity);
  for (Slot& slot : old) {
    if (slot.used) FreeSlotFor(slot.hash) = std::move(slot);
  }
}

}  // namespace casql::kv
