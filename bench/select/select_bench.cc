// SELECT through the whole query service (parse, plan, execute, JSON response) over an
// in-memory store: point lookups by key and by secondary index, a filtered scan with GROUP BY
// over small documents, and the same over documents shaped like bench/compare's W5 (about
// 1 KiB, a 48-string array). CASQL_BENCH_DOCS sets the number of generated documents (default
// 200000) in each of the two buckets; the W5 bucket is only loaded when its benchmark runs.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <random>
#include <string>

#include "executor/datastore.h"
#include "http/query_service.h"
#include "value/json.h"

namespace casql {
namespace {

struct Fixture {
  std::unique_ptr<exec::Datastore> store;
  std::unique_ptr<http::QueryService> service;
  int64_t docs = 0;

  std::string Run(const std::string& statement, int max_parallelism = 0) {
    http::QueryRequest request;
    request.statement = statement;
    request.max_parallelism = max_parallelism;
    auto execution = service->Prepare(std::move(request), std::chrono::steady_clock::now());
    std::string body;
    execution.Stream([&body](std::string_view s) {
      body.append(s);
      return true;
    });
    return body;
  }
};

Fixture& Shared() {
  static Fixture* fixture = [] {
    auto* f = new Fixture;
    f->store = std::move(exec::Datastore::Open("").value());
    f->service = std::make_unique<http::QueryService>(f->store.get());
    const char* env = std::getenv("CASQL_BENCH_DOCS");
    f->docs = env ? std::atoll(env) : 200000;
    f->Run("CREATE BUCKET b");
    f->Run("CREATE PRIMARY INDEX ON b");
    auto collection = f->store->Collection(plan::KeyspacePath{"default", "b"}).value();
    for (int64_t i = 0; i < f->docs; ++i) {
      Object doc{{"uid", Value(i)},
                 {"g", Value("g" + std::to_string(i % 100))},
                 {"v", Value(i % 1000)},
                 {"name", Value("user" + std::to_string(i))}};
      (void)collection->Upsert("k" + std::to_string(i), kv::MakeJsonDoc(Value(std::move(doc))),
                               kv::MutationOptions{});
    }
    f->Run("CREATE INDEX by_uid ON b(uid)");
    return f;
  }();
  return *fixture;
}

// bench/compare/gen_data.py's document: 20 cities, ages 18..80, 48 tags of about 17 bytes.
Value W5Document(int64_t i, int64_t n, std::mt19937_64& rng) {
  static const char* const kCities[] = {"Amsterdam", "Berlin", "Cairo",    "Dublin",   "Edinburgh",
                                        "Florence",  "Geneva", "Helsinki", "Istanbul", "Jakarta",
                                        "Kyoto",     "Lisbon", "Madrid",   "Nairobi",  "Oslo",
                                        "Paris",     "Quito",  "Rome",     "Seoul",    "Toronto"};
  static const char* const kWords[] = {"alpha", "bravo", "charlie", "delta",  "echo", "foxtrot",
                                       "golf",  "hotel", "india",   "juliet", "kilo", "lima"};
  auto pick = [&rng](uint64_t bound) { return static_cast<int64_t>(rng() % bound); };
  Array tags;
  for (int t = 0; t < 48; ++t) {
    tags.emplace_back(std::string(kWords[pick(12)]) + "-" + kWords[pick(12)] + "-" +
                      std::to_string(pick(1000)));
  }
  return Value(Object{{"id", Value("k" + std::to_string(i))},
                      {"name", Value("user" + std::to_string(pick(400)))},
                      {"age", Value(18 + pick(63))},
                      {"city", Value(kCities[pick(20)])},
                      {"tags", Value(std::move(tags))},
                      {"visits", Value(i % std::max<int64_t>(1, n / 10))},
                      {"LastLogin", Value("2026-05-17T12:34:56Z")}});
}

// Loaded on first use into bucket w5, so the other benchmarks do not pay for it.
void LoadW5(Fixture& f) {
  static const bool loaded = [&f] {
    f.Run("CREATE BUCKET w5");
    f.Run("CREATE PRIMARY INDEX ON w5");
    auto collection = f.store->Collection(plan::KeyspacePath{"default", "w5"}).value();
    std::mt19937_64 rng(20261122);
    for (int64_t i = 0; i < f.docs; ++i) {
      (void)collection->Upsert("k" + std::to_string(i), kv::MakeJsonDoc(W5Document(i, f.docs, rng)),
                               kv::MutationOptions{});
    }
    return true;
  }();
  (void)loaded;
}

void CheckRows(benchmark::State& state, const std::string& body, const char* expect) {
  if (body.find(expect) == std::string::npos) state.SkipWithError(body.c_str());
}

void BM_PointLookupByKey(benchmark::State& state) {
  Fixture& f = Shared();
  int64_t i = 0;
  for (auto _ : state) {
    const std::string id = std::to_string((i++ * 7919) % f.docs);
    const std::string body = f.Run("SELECT name FROM b USE KEYS 'k" + id + "'");
    benchmark::DoNotOptimize(body);
    if (i == 1) CheckRows(state, body, "\"resultCount\":1");
  }
}
BENCHMARK(BM_PointLookupByKey);

void BM_PointLookupBySecondaryIndex(benchmark::State& state) {
  Fixture& f = Shared();
  int64_t i = 0;
  for (auto _ : state) {
    const std::string uid = std::to_string((i++ * 7919) % f.docs);
    const std::string body = f.Run("SELECT name FROM b WHERE uid = " + uid);
    benchmark::DoNotOptimize(body);
    if (i == 1) CheckRows(state, body, "\"resultCount\":1");
  }
}
BENCHMARK(BM_PointLookupBySecondaryIndex);

void BM_FilteredScanGroupBy(benchmark::State& state) {
  Fixture& f = Shared();
  for (auto _ : state) {
    const std::string body =
        f.Run("SELECT g, COUNT(*) AS n, SUM(v) AS s FROM b WHERE v >= 500 GROUP BY g");
    benchmark::DoNotOptimize(body);
    CheckRows(state, body, "\"resultCount\":100");
  }
  state.counters["docs/s"] =
      benchmark::Counter(static_cast<double>(f.docs) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FilteredScanGroupBy)->Unit(benchmark::kMillisecond);

// The argument is the request's max_parallelism: 1 keeps the scan on one thread, 0 splits it
// between the cores (select.md, "Split scans"). Time is wall time, CPU the whole process's.
void BM_W5FilteredScanGroupBy(benchmark::State& state) {
  Fixture& f = Shared();
  LoadW5(f);
  for (auto _ : state) {
    const std::string body =
        f.Run("SELECT city, COUNT(*), AVG(age) FROM w5 WHERE age > 30 GROUP BY city",
              static_cast<int>(state.range(0)));
    benchmark::DoNotOptimize(body);
    CheckRows(state, body, "\"resultCount\":20");
  }
  state.counters["docs/s"] =
      benchmark::Counter(static_cast<double>(f.docs) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_W5FilteredScanGroupBy)
    ->ArgName("max_parallelism")
    ->Arg(1)
    ->Arg(0)
    ->UseRealTime()
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace casql

BENCHMARK_MAIN();
