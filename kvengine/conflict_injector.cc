#include "kvengine/conflict_injector.h"

namespace casql::kv {

void ConflictInjector::Arm(std::string_view key) {
  std::lock_guard<std::mutex> lock(mutex_);
  armed_.emplace(key);
  armed_count_.store(armed_.size(), std::memory_order_release);
}

bool ConflictInjector::Consume(std::string_view key) {
  if (armed_count_.load(std::memory_order_acquire) == 0) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = armed_.find(std::string(key));
  if (it == armed_.end()) return false;
  armed_.erase(it);
  armed_count_.store(armed_.size(), std::memory_order_release);
  return true;
}

void ConflictInjector::SetHook(Hook hook) {
  std::lock_guard<std::mutex> lock(mutex_);
  hook_ = hook ? std::make_shared<const Hook>(std::move(hook)) : nullptr;
  has_hook_.store(hook_ != nullptr, std::memory_order_release);
}

void ConflictInjector::RunHook(std::string_view key) const {
  if (!has_hook_.load(std::memory_order_acquire)) return;
  std::shared_ptr<const Hook> hook;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    hook = hook_;
  }
  if (hook) (*hook)(key);
}

}  // namespace casql::kv
