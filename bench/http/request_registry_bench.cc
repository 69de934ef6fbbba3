// Per-request tracking overhead: what /query/service pays to register a request with the
// RequestRegistry (active_requests, admission limit) and to complete it (completed_requests,
// rates, latency samples). Run from a Release build:
//   taskset -c 1 build/http_bench --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>

#include "http/request_registry.h"

namespace casql::http {
namespace {

RequestRegistry::Started MakeStarted(uint64_t n) {
  RequestRegistry::Started started;
  // The sizes a real request brings: a UUID request id and a short statement.
  started.request_id = "5e3c1f0a-7d2b-4c55-9a1e-" + std::to_string(100000000000 + n);
  started.statement = "SELECT name, email FROM users WHERE id = $id AND active = true";
  started.client_context_id = "bench-client";
  return started;
}

RequestRegistry::Finished MakeFinished() {
  RequestRegistry::Finished finished;
  finished.state = "success";
  finished.elapsed = std::chrono::microseconds(850);
  finished.execution = std::chrono::microseconds(700);
  finished.result_count = 1;
  finished.result_size = 120;
  return finished;
}

// One registry shared by all threads, as the server has; its completed list is full (the default
// 4000) after the first iterations, so each Finish also drops the oldest entry.
void BM_RegisterAndComplete(benchmark::State& state) {
  static RequestRegistry registry(/*max_active=*/1000);
  const RequestRegistry::Finished finished = MakeFinished();
  uint64_t n = static_cast<uint64_t>(state.thread_index()) << 40;
  for (auto _ : state) {
    state.PauseTiming();
    RequestRegistry::Started started = MakeStarted(n++);
    state.ResumeTiming();
    Result<uint64_t> handle = registry.Begin(std::move(started));
    registry.Finish(*handle, finished);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RegisterAndComplete)->Threads(1)->Threads(2)->UseRealTime();

// The same without PauseTiming (whose own cost is ~100s of ns): includes building the Started
// record, which a request does anyway.
void BM_RegisterAndCompleteWithRecord(benchmark::State& state) {
  static RequestRegistry registry(/*max_active=*/1000);
  const RequestRegistry::Finished finished = MakeFinished();
  uint64_t n = static_cast<uint64_t>(state.thread_index()) << 40;
  for (auto _ : state) {
    Result<uint64_t> handle = registry.Begin(MakeStarted(n++));
    registry.Finish(*handle, finished);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RegisterAndCompleteWithRecord)->Threads(1)->Threads(2)->UseRealTime();

// Building the record alone, to subtract from the above.
void BM_BuildRecordOnly(benchmark::State& state) {
  uint64_t n = 0;
  for (auto _ : state) {
    RequestRegistry::Started started = MakeStarted(n++);
    benchmark::DoNotOptimize(started);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BuildRecordOnly);

}  // namespace
}  // namespace casql::http

BENCHMARK_MAIN();
