// KV engine throughput: get, upsert and CAS-replace on 1M 1 KiB documents in memory (1 and 2
// threads), and durable writes sharing fsyncs (group commit).
//   GLIBC_TUNABLES=glibc.malloc.hugetlb=1 build/kvengine_bench
// (transparent huge pages for the heap: with 1 GiB of documents, random lookups otherwise spend
// much of their time on TLB misses).
#include <benchmark/benchmark.h>

#include <charconv>
#include <string_view>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kvengine/kvengine.h"

namespace casql::kv {
namespace {

constexpr size_t kDocs = 1'000'000;

std::string KeyOf(size_t i) {
  return "user::" + std::to_string(i);
}

std::string DocumentBody(size_t i) {
  std::string body =
      "{\"id\":" + std::to_string(i) + ",\"name\":\"user " + std::to_string(i) + "\",\"pad\":\"";
  body.append(1024 - body.size() - 2, 'x');
  return body + "\"}";
}

// One in-memory engine loaded once with kDocs documents, shared by the benchmarks.
struct Dataset {
  std::unique_ptr<Engine> engine;
  std::shared_ptr<Collection> collection;

  Dataset() {
    engine = std::move(Engine::Open({})).value();
    engine->CreateBucket("bench");
    collection = *engine->FindCollection({"bench"});
    for (size_t i = 0; i < kDocs; ++i) {
      collection->Upsert(KeyOf(i), MakeDocFromBytes(DocumentBody(i)), {});
    }
  }
  static Dataset& Get() {
    static Dataset dataset;
    return dataset;
  }
};

// A cheap per-thread key sequence (an LCG). The key text is formatted into a buffer, as a server
// has it in its request buffer, rather than read from a 1M-entry table that would add a cache miss
// per operation to what is measured.
struct KeyPicker {
  uint64_t state;
  char text[32] = "user::";
  explicit KeyPicker(int thread) : state(0x9E3779B97F4A7C15ull * (thread + 1)) {}
  size_t Next() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>((state >> 33) % kDocs);
  }
  std::string_view Key(size_t i) {
    char* end = std::to_chars(text + 6, text + sizeof(text), i).ptr;
    return std::string_view(text, static_cast<size_t>(end - text));
  }
  std::string_view NextKey() { return Key(Next()); }
};

void BM_Get(benchmark::State& state) {
  Dataset& data = Dataset::Get();
  KeyPicker picker(state.thread_index());
  for (auto _ : state) {
    auto result = data.collection->Get(picker.NextKey());
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Get)->Threads(1)->Threads(2)->UseRealTime();

void BM_Upsert(benchmark::State& state) {
  Dataset& data = Dataset::Get();
  KeyPicker picker(state.thread_index());
  // One body per thread, as writers of different documents have.
  const DocPtr doc = MakeDocFromBytes(DocumentBody(static_cast<size_t>(state.thread_index())));
  for (auto _ : state) {
    auto result = data.collection->Upsert(picker.NextKey(), doc, {});
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Upsert)->Threads(1)->Threads(2)->UseRealTime();

// Replace with the right CAS. Each thread owns every n-th key and remembers the CAS its last
// write returned, as a client holding the document would; the CAS is read once per key.
void BM_CasReplace(benchmark::State& state) {
  Dataset& data = Dataset::Get();
  const size_t threads = static_cast<size_t>(state.threads());
  const size_t mine = kDocs / threads;
  std::vector<uint64_t> cas(mine, 0);
  KeyPicker picker(state.thread_index());
  const DocPtr doc = MakeDocFromBytes(DocumentBody(static_cast<size_t>(state.thread_index())));
  size_t failures = 0;
  for (auto _ : state) {
    const size_t slot = picker.Next() % mine;
    const std::string_view key =
        picker.Key(slot * threads + static_cast<size_t>(state.thread_index()));
    if (cas[slot] == 0) cas[slot] = data.collection->Get(key)->cas;
    MutationOptions options;
    options.cas = cas[slot];
    auto result = data.collection->Replace(key, doc, options);
    if (result.ok()) {
      cas[slot] = result->cas;
    } else {
      ++failures;
      cas[slot] = 0;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["cas_failures"] = static_cast<double>(failures);
}
BENCHMARK(BM_CasReplace)->Threads(1)->Threads(2)->UseRealTime();

// Durable upserts (fsync before the acknowledgement) from many writers: group commit lets them
// share fsyncs, so throughput grows with the number of writers.
void BM_DurableUpsert(benchmark::State& state) {
  static std::unique_ptr<Engine> engine;
  static std::shared_ptr<Collection> collection;
  static const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "casql-kvengine-bench";
  if (state.thread_index() == 0) {
    std::filesystem::remove_all(dir);
    Engine::Options options;
    options.data_dir = dir.string();
    engine = std::move(Engine::Open(options)).value();
    engine->CreateBucket("bench");
    collection = *engine->FindCollection({"bench"});
  }
  DocPtr doc = MakeDocFromBytes(DocumentBody(1));
  MutationOptions options;
  options.durability = Durability::kPersistToMajority;
  KeyPicker picker(state.thread_index());
  for (auto _ : state) {
    auto result = collection->Upsert(KeyOf(picker.Next() % 10000), doc, options);
    if (!result.ok()) state.SkipWithError(result.status().ToString().c_str());
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    collection.reset();
    engine.reset();
    std::filesystem::remove_all(dir);
  }
}
BENCHMARK(BM_DurableUpsert)->Threads(1)->Threads(4)->Threads(16)->Threads(64)->UseRealTime();

}  // namespace
}  // namespace casql::kv

BENCHMARK_MAIN();
