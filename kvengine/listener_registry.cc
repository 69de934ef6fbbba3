#include "kvengine/listener_registry.h"

namespace casql::kv {

uint64_t ListenerRegistry::Add(Listener fn) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto next = std::make_shared<List>(*list_.load());
  const uint64_t id = next_id_++;
  next->emplace_back(id, std::move(fn));
  list_.store(std::move(next));
  any_.store(true, std::memory_order_release);
  return id;
}

void ListenerRegistry::Remove(uint64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto next = std::make_shared<List>(*list_.load());
  std::erase_if(*next, [id](const auto& entry) { return entry.first == id; });
  any_.store(!next->empty(), std::memory_order_release);
  list_.store(std::move(next));
}

void ListenerRegistry::Notify(const MutationEvent& event) const {
  const std::shared_ptr<const List> list = list_.load();
  for (const auto& [id, fn] : *list) fn(event);
}

}  // namespace casql::kv
