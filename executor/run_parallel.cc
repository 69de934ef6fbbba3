#include "executor/run_parallel.h"

#include <system_error>
#include <thread>
#include <vector>

namespace casql::exec {

void RunParallel(size_t n, const std::function<void(size_t)>& fn) {
  std::vector<std::thread> threads;
  std::vector<size_t> on_caller = {0};
  for (size_t i = 1; i < n; ++i) {
    try {
      threads.emplace_back(fn, i);
    } catch (const std::system_error&) {
      on_caller.push_back(i);
    }
  }
  if (n > 0) {
    for (size_t i : on_caller) fn(i);
  }
  for (std::thread& thread : threads) thread.join();
}

}  // namespace casql::exec
