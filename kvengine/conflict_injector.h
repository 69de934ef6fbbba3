#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

namespace casql::kv {

// Deterministic write conflicts for tests and --fault-injection: keys armed for one forced
// concurrent mutation, and an optional hook run before a conditional write takes its key lock.
// Both are checked with one relaxed atomic load when unused, so they cost nothing in production.
//
// Thread safety: all methods may be called from any thread; arming and consuming are atomic
// under one mutex, so each arming is consumed by exactly one write.
class ConflictInjector {
 public:
  using Hook = std::function<void(std::string_view key)>;

  void Arm(std::string_view key);
  // True (and disarms) if `key` was armed.
  bool Consume(std::string_view key);

  void SetHook(Hook hook);
  void RunHook(std::string_view key) const;

 private:
  mutable std::mutex mutex_;
  std::unordered_set<std::string> armed_;  // guarded by mutex_
  std::atomic<size_t> armed_count_{0};
  std::shared_ptr<const Hook> hook_;  // guarded by mutex_
  std::atomic<bool> has_hook_{false};
};

}  // namespace casql::kv
