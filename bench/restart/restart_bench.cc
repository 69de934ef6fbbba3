// How long casql takes to come back with N documents in its data directory: the time of
// exec::Datastore::Open, which is what `casql serve --data-dir D` does before it binds its port
// (kvengine's log replay, then every secondary index built from a scan of its collection). The
// data directory is loaded once through the KV API, then reopened several times; the engine alone
// (kv::Engine::Open) is timed too, so the index builds' share shows.
//   build/restart_bench [--docs N] [--index] [--reopens K] [--dir DIR]
// With --dir the directory is kept, and one that already holds data is reopened without loading,
// so two builds can be compared on the same files.
// Prints wall and CPU time (all threads) of every reopen and their medians. On a shared machine
// the CPU time says more than the wall time, which includes waiting for a core.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "executor/datastore.h"
#include "kvengine/kvengine.h"
#include "parser/parser.h"

namespace casql {
namespace {

struct Settings {
  size_t docs = 1'000'000;
  bool index = false;
  int reopens = 3;
  std::string dir;  // empty: a temporary directory, removed at the end
  bool reuse = false;
};

// About 200 bytes, with fields of the kinds a secondary index is built on.
std::string DocumentBody(size_t i) {
  std::string body = "{\"id\":" + std::to_string(i) + ",\"name\":\"user " + std::to_string(i) +
                     "\",\"email\":\"user" + std::to_string(i) +
                     "@example.com\",\"age\":" + std::to_string(18 + i % 70) + ",\"city\":\"city " +
                     std::to_string(i % 500) + "\",\"tags\":[\"a\",\"b\"],\"pad\":\"";
  body.append(body.size() < 196 ? 196 - body.size() : 0, 'x');
  return body + "\"}";
}

double CpuSeconds() {
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct Timing {
  double wall = 0;
  double cpu = 0;
};

template <typename Fn>
Timing Time(Fn&& fn) {
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = CpuSeconds();
  fn();
  return Timing{
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count(),
      CpuSeconds() - cpu_start};
}

void Fail(const std::string& what) {
  std::fprintf(stderr, "restart_bench: %s\n", what.c_str());
  std::exit(1);
}

void Load(const Settings& settings) {
  auto store = exec::Datastore::Open(settings.dir);
  if (!store.ok()) Fail(store.status().message());
  kv::Engine& engine = (*store)->engine();
  if (kv::Status created = engine.CreateBucket("b"); !created.ok()) Fail(created.message());
  auto collection = engine.FindCollection({"b"});
  if (!collection.ok()) Fail(collection.status().message());
  for (size_t i = 0; i < settings.docs; ++i) {
    auto written =
        (*collection)
            ->Upsert("doc::" + std::to_string(i), kv::MakeDocFromBytes(DocumentBody(i)), {});
    if (!written.ok()) Fail(written.status().message());
  }
  if (settings.index) {
    plan::IndexInfo info;
    info.name = "by_city";
    // What CREATE INDEX by_city ON b(city) records: the planner qualifies the key with the
    // keyspace's alias; a bare `city` would be MISSING for every document, the index empty.
    info.alias = "b";
    info.keys.push_back(*ParseExpression("b.city"));
    info.desc.push_back(false);
    plan::KeyspacePath path;
    path.bucket = "b";
    if (Status created = (*store)->CreateIndex(path, std::move(info), false); !created.ok()) {
      Fail(created.message());
    }
  }
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

int Run(const Settings& settings) {
  if (!settings.reuse) {
    const Timing load = Time([&] { Load(settings); });
    std::printf("loaded %zu documents%s in %.2f s wall, %.2f s CPU\n", settings.docs,
                settings.index ? " and index by_city" : "", load.wall, load.cpu);
  }
  uint64_t items = 0;
  size_t index_entries = 0;
  std::vector<double> engine_wall, engine_cpu, store_wall, store_cpu;
  for (int i = 0; i < settings.reopens; ++i) {
    // Only the opening is timed: a restarted server starts from an empty process, it does not
    // pay for freeing the previous one's documents.
    std::unique_ptr<kv::Engine> engine_only;
    const Timing engine = Time([&] {
      kv::Engine::Options options;
      options.data_dir = settings.dir;
      auto opened = kv::Engine::Open(options);
      if (!opened.ok()) Fail(opened.status().message());
      engine_only = std::move(opened).value();
    });
    {
      auto collection = engine_only->FindCollection({"b"});
      if (!collection.ok()) Fail(collection.status().message());
      items = (*collection)->ItemCount();
    }
    engine_only.reset();
    std::unique_ptr<exec::Datastore> store_only;
    const Timing store = Time([&] {
      auto opened = exec::Datastore::Open(settings.dir);
      if (!opened.ok()) Fail(opened.status().message());
      store_only = std::move(opened).value();
    });
    plan::KeyspacePath path;
    path.bucket = "b";
    if (auto index = store_only->FindIndex(path, "by_city")) index_entries = index->EntryCount();
    store_only.reset();
    std::printf(
        "reopen %d: engine %.3f s wall %.3f s CPU; engine + indexes %.3f s wall %.3f s CPU\n",
        i + 1, engine.wall, engine.cpu, store.wall, store.cpu);
    engine_wall.push_back(engine.wall);
    engine_cpu.push_back(engine.cpu);
    store_wall.push_back(store.wall);
    store_cpu.push_back(store.cpu);
  }
  std::printf("%llu documents, %zu index entries\n", static_cast<unsigned long long>(items),
              index_entries);
  std::printf(
      "median of %d: engine %.3f s wall %.3f s CPU; engine + indexes %.3f s wall %.3f s CPU\n",
      settings.reopens, Median(engine_wall), Median(engine_cpu), Median(store_wall),
      Median(store_cpu));
  return 0;
}

}  // namespace
}  // namespace casql

int main(int argc, char** argv) {
  casql::Settings settings;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--docs" && i + 1 < argc) {
      settings.docs = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--index") {
      settings.index = true;
    } else if (arg == "--reopens" && i + 1 < argc) {
      settings.reopens = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--dir" && i + 1 < argc) {
      settings.dir = argv[++i];
    } else {
      std::fprintf(stderr, "usage: restart_bench [--docs N] [--index] [--reopens K] [--dir DIR]\n");
      return 2;
    }
  }
  const bool temporary = settings.dir.empty();
  if (temporary) {
    settings.dir = (std::filesystem::temp_directory_path() / "casql-restart-bench").string();
    std::filesystem::remove_all(settings.dir);
  }
  std::error_code error;
  settings.reuse = !std::filesystem::is_empty(settings.dir, error) && !error;
  const int status = casql::Run(settings);
  if (temporary) std::filesystem::remove_all(settings.dir);
  return status;
}
