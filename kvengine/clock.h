#pragma once

#include <atomic>
#include <cstdint>

namespace casql::kv {

// The wall clock that document expiry and lock timeouts are measured against, in Unix seconds.
// Injectable so tests can move time without sleeping. CAS generation does not use it: CAS
// values come from the real nanosecond clock (see Hlc).
//
// Thread safety: implementations must be safe to call from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowSeconds() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowSeconds() const override;
};

// A clock that only moves when told to.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_seconds) : now_(start_seconds) {}
  int64_t NowSeconds() const override { return now_.load(std::memory_order_acquire); }
  void Advance(int64_t seconds) { now_.fetch_add(seconds, std::memory_order_acq_rel); }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace casql::kv
