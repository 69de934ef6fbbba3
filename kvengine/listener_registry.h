#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "kvengine/kv_types.h"

namespace casql::kv {

// The mutation listeners of one collection. Writers read the current list without a lock (an
// immutable snapshot swapped atomically), so registering a listener never stalls the write path.
//
// Thread safety: all methods may be called from any thread. Remove() only unpublishes; the
// collection waits for in-flight notifications afterwards (see Collection).
class ListenerRegistry {
 public:
  using Listener = std::function<void(const MutationEvent&)>;

  uint64_t Add(Listener fn);
  void Remove(uint64_t id);
  bool empty() const { return !any_.load(std::memory_order_acquire); }
  void Notify(const MutationEvent& event) const;

 private:
  using List = std::vector<std::pair<uint64_t, Listener>>;

  std::mutex mutex_;  // serializes Add/Remove
  uint64_t next_id_ = 1;
  std::atomic<std::shared_ptr<const List>> list_{std::make_shared<const List>()};
  std::atomic<bool> any_{false};
};

}  // namespace casql::kv
