#include "kvengine/clock.h"

#include <time.h>

namespace casql::kv {

int64_t SystemClock::NowSeconds() const {
  // The coarse clock is read without a system call and is exact enough for second-granular expiry.
  timespec ts;
  clock_gettime(CLOCK_REALTIME_COARSE, &ts);
  return ts.tv_sec;
}

}  // namespace casql::kv
