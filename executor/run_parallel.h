#pragma once

#include <cstddef>
#include <functional>

namespace casql::exec {

// Runs fn(0) ... fn(n - 1) at once: fn(0) on the calling thread, each other on a thread of its
// own, and returns when every call has returned. Where no thread can be had, that call runs on
// the calling thread after fn(0) instead, so the work is done either way.
void RunParallel(size_t n, const std::function<void(size_t)>& fn);

}  // namespace casql::exec
