#pragma once

#include <chrono>
#include <cstdint>

namespace casql::kv {

// kv_engine's hybrid logical clock for CAS values: nanoseconds since the epoch with the low 16
// bits cleared while the clock moves forward, otherwise the last value + 1, so CAS is strictly
// increasing within a vBucket even if the wall clock steps back.
//
// Thread safety: none; the owning vBucket calls it under its commit mutex, together with the
// seqno, so CAS order equals seqno order.
class Hlc {
 public:
  uint64_t Next() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const uint64_t masked =
        static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count()) &
        ~uint64_t{0xFFFF};
    max_ = masked > max_ ? masked : max_ + 1;
    return max_;
  }
  // Recovery raises the clock past every CAS already handed out.
  void Observe(uint64_t cas) {
    if (cas > max_) max_ = cas;
  }

 private:
  uint64_t max_ = 0;
};

}  // namespace casql::kv
