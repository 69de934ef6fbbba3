// Cost of evaluating compiled expressions over a 1 KiB document, and the heap allocations
// each evaluation makes (counted by replacing the global operator new in this binary).
//
//   build/expr_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

#include "executor/expr/evaluator.h"
#include "parser/parser.h"
#include "value/json.h"

namespace {
std::atomic<uint64_t> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
// The array forms too, so every new/delete pair goes through malloc/free (a sanitizer would
// otherwise see its own operator new[] memory released by free).
void* operator new[](std::size_t size) {
  return operator new(size);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}

namespace casql::exec {
namespace {

// About 1 KiB of JSON: 24 filler fields before the two the filter reads, as in a typical
// document where the interesting fields are not first.
std::string Document(int age, const std::string& city) {
  std::string json = "{";
  for (int i = 0; i < 24; ++i) {
    json += "\"field_" + std::to_string(i) + "\": \"value of field number " + std::to_string(i) +
            "\", ";
  }
  json += "\"tags\": [\"a\", \"b\", \"x\"], \"age\": " + std::to_string(age) + ", \"city\": \"" +
          city + "\"}";
  return json;
}

void Run(benchmark::State& state, const char* text, int age, const char* city) {
  auto expr = ParseExpression(text);
  CompileScope scope;
  scope.Add("d", true);
  auto compiled = Compile(expr.value(), scope);
  if (!compiled.ok()) {
    state.SkipWithError(compiled.status().message().c_str());
    return;
  }
  const std::string json = Document(age, city);
  Row row;
  row.Bind(0, ParseJson(json).value());
  ExecContext ctx(nullptr, ExecSettings{});
  const Evaluator& eval = *compiled.value();
  const uint64_t before = allocations.load();
  for (auto _ : state) {
    Value v = eval.Eval(row, ctx);
    benchmark::DoNotOptimize(v);
  }
  const double evals = static_cast<double>(state.iterations());
  state.counters["allocs/eval"] = static_cast<double>(allocations.load() - before) / evals;
  state.counters["doc_bytes"] = static_cast<double>(json.size());
}

void BM_FilterMatch(benchmark::State& state) {
  Run(state, "d.age > 30 AND d.city = \"x\"", 42, "x");
}
void BM_FilterNoMatch(benchmark::State& state) {
  Run(state, "d.age > 30 AND d.city = \"x\"", 42, "paris");
}
void BM_FilterShortCircuit(benchmark::State& state) {
  Run(state, "d.age > 30 AND d.city = \"x\"", 12, "x");
}
void BM_FunctionCall(benchmark::State& state) {
  Run(state, "LOWER(d.city) = \"x\"", 42, "X");
}
void BM_AnySatisfies(benchmark::State& state) {
  Run(state, "ANY t IN d.tags SATISFIES t = \"x\" END", 42, "x");
}

BENCHMARK(BM_FilterMatch);
BENCHMARK(BM_FilterNoMatch);
BENCHMARK(BM_FilterShortCircuit);
BENCHMARK(BM_FunctionCall);
BENCHMARK(BM_AnySatisfies);

}  // namespace
}  // namespace casql::exec

BENCHMARK_MAIN();
