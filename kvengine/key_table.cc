#include "kvengine/key_table.h"

#include <bit>
#include <cstddef>
#include <utility>

namespace casql::kv {

KeyTable::Node* KeyTable::Find(std::string_view key, uint64_t hash) {
  if (!slots_) return nullptr;
  const size_t mask = capacity() - 1;
  for (size_t i = IndexOf(hash, shift_);; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (!slot.used) return nullptr;
    if (slot.hash == hash && slot.node.key == key) return &slot.node;
  }
}

KeyTable::Slot& KeyTable::FreeSlotFor(uint64_t hash) {
  const size_t mask = capacity() - 1;
  size_t i = IndexOf(hash, shift_);
  while (slots_[i].used) i = (i + 1) & mask;
  return slots_[i];
}

KeyTable::Node* KeyTable::Insert(std::string_view key, uint64_t hash) {
  // At most 5/8 full: linear probes stay short.
  if ((size_t{size_} + 1) * 8 > capacity() * 5) Grow();
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
  const size_t mask = capacity() - 1;
  size_t hole = static_cast<size_t>(
      reinterpret_cast<Slot*>(reinterpret_cast<char*>(node) - offsetof(Slot, node)) - slots_.get());
  slots_[hole] = Slot{};
  // Pull back every following entry of the run that may live in the hole: one whose home slot
  // is not cyclically within (hole, next].
  for (size_t next = (hole + 1) & mask; slots_[next].used; next = (next + 1) & mask) {
    const size_t home = IndexOf(slots_[next].hash, shift_);
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
  const size_t old_capacity = capacity();
  std::unique_ptr<Slot[]> old = std::move(slots_);
  const size_t capacity = old_capacity == 0 ? 8 : old_capacity * 2;
  slots_ = std::make_unique<Slot[]>(capacity);
  shift_ = static_cast<uint32_t>(64 - std::countr_zero(capacity));
  for (size_t i = 0; i < old_capacity; ++i) {
    if (old[i].used) FreeSlotFor(old[i].hash) = std::move(old[i]);
  }
}

uintptr_t KeyTable::ProbeHint() const {
  // Slots are 64-byte aligned, so the low six bits are free for the shift (1..61 here).
  return slots_ ? reinterpret_cast<uintptr_t>(slots_.get()) | shift_ : 0;
}

void KeyTable::Prefetch(uintptr_t hint, uint64_t hash) {
  if (hint == 0) return;
  // Address arithmetic on integers: the array the hint names may have been freed since.
  const uintptr_t home =
      (hint & ~uintptr_t{63}) + IndexOf(hash, static_cast<uint32_t>(hint & 63)) * sizeof(Slot);
  __builtin_prefetch(reinterpret_cast<const void*>(home));
  __builtin_prefetch(reinterpret_cast<const void*>(home + 64));
}

}  // namespace casql::kv
