// KV get and CAS-replace throughput over the memcached binary protocol: casql's KvServer
// against Debian's memcached, driven by the same blocking C++ client (tests/kv_binary).
// Run by hand on a Release build:
//   build/kv_binary_bench --benchmark_min_time=2
// memcached must be on PATH (scripts/install-deps.sh installs it); its benchmarks are skipped
// otherwise.
#include <benchmark/benchmark.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "http/kv_binary/authenticator.h"
#include "http/kv_binary/kv_server.h"
#include "http/kv_binary/opcodes.h"
#include "http/kv_binary/wire_status.h"
#include "kvengine/engine.h"
#include "tests/kv_binary/kv_client.h"

namespace casql::kvbin {
namespace {

using testing::KvClient;
using testing::Request;
using testing::StoreExtras;

constexpr int kKeys = 16;
const std::string kDocument = R"({"name":"40-Mile Air","iata":"Q5","country":"United States"})";

// One casql KV server for the whole run.
struct CasqlTarget {
  CasqlTarget() {
    engine = std::move(kv::Engine::Open(kv::Engine::Options{})).value();
    (void)engine->CreateBucket("b");
    users = std::make_unique<SingleUserAuthenticator>("Administrator", "password");
    KvServerOptions options;
    options.port = 0;
    server = std::make_unique<KvServer>(engine.get(), users.get(), options);
    if (server->Bind().ok()) server->Start();
  }
  std::unique_ptr<kv::Engine> engine;
  std::unique_ptr<Authenticator> users;
  std::unique_ptr<KvServer> server;
};

// memcached started as a child process on a fixed loopback port for the whole run.
struct MemcachedTarget {
  static constexpr int kPort = 21299;
  MemcachedTarget() {
    pid = fork();
    if (pid == 0) {
      const std::string port = std::to_string(kPort);
      // memcached refuses to run as root unless told which user to be.
      execlp("memcached", "memcached", "-l", "127.0.0.1", "-p", port.c_str(), "-U", "0", "-t", "2",
             "-u", geteuid() == 0 ? "root" : "nobody", static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int attempt = 0; attempt < 100; ++attempt) {
      KvClient probe;
      if (probe.Connect(kPort)) {
        ready = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~MemcachedTarget() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
  }
  pid_t pid = -1;
  bool ready = false;
};

CasqlTarget& Casql() {
  static CasqlTarget target;
  return target;
}

MemcachedTarget& Memcached() {
  static MemcachedTarget target;
  return target;
}

// A connected client with the keys stored; false (and the benchmark skipped) when the target
// is not available.
bool Prepare(benchmark::State& state, bool casql, KvClient* client) {
  if (casql) {
    if (!client->Connect(Casql().server->port()) ||
        client->Authenticate("PLAIN", "Administrator", "password") != kSuccess ||
        client->SelectBucket("b") != kSuccess) {
      state.SkipWithError("casql KV server unavailable");
      return false;
    }
  } else if (!Memcached().ready || !client->Connect(MemcachedTarget::kPort)) {
    state.SkipWithError("memcached not available (install it with scripts/install-deps.sh)");
    return false;
  }
  for (int i = 0; i < kKeys; ++i) {
    const auto r = client->Call(
        Request(kSet, "airline_" + std::to_string(i), StoreExtras(0x02000000, 0), kDocument));
    if (!r || r->status != kSuccess) {
      state.SkipWithError("could not store the documents");
      return false;
    }
  }
  return true;
}

// GETs in pipelined batches of `depth` (state.range(1)).
void BM_Get(benchmark::State& state) {
  KvClient client;
  if (!Prepare(state, state.range(0) == 1, &client)) return;
  const auto depth = static_cast<size_t>(state.range(1));
  std::vector<Request> batch;
  for (size_t i = 0; i < depth; ++i) {
    batch.push_back(Request(kGet, "airline_" + std::to_string(i % kKeys)));
  }
  for (auto _ : state) {
    client.Send(batch);
    for (size_t i = 0; i < depth; ++i) {
      const auto r = client.Read();
      if (!r || r->status != kSuccess) {
        state.SkipWithError("GET failed");
        return;
      }
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * depth));
}

// REPLACE with the CAS of the previous write, one CAS chain per key; a batch replaces
// `depth` different keys.
void BM_CasReplace(benchmark::State& state) {
  KvClient client;
  if (!Prepare(state, state.range(0) == 1, &client)) return;
  const auto depth = static_cast<size_t>(std::min<int64_t>(state.range(1), kKeys));
  std::vector<uint64_t> cas(kKeys);
  for (int i = 0; i < kKeys; ++i) {
    cas[static_cast<size_t>(i)] = client.Call(Request(kGet, "airline_" + std::to_string(i)))->cas;
  }
  std::vector<Request> batch;
  for (size_t i = 0; i < depth; ++i) {
    batch.push_back(
        Request(kReplace, "airline_" + std::to_string(i), StoreExtras(0x02000000, 0), kDocument));
  }
  for (auto _ : state) {
    for (size_t i = 0; i < depth; ++i) batch[i].cas = cas[i];
    client.Send(batch);
    for (size_t i = 0; i < depth; ++i) {
      const auto r = client.Read();
      if (!r || r->status != kSuccess) {
        state.SkipWithError("CAS replace failed");
        return;
      }
      cas[i] = r->cas;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * depth));
}

// Args: {target (1 = casql, 0 = memcached), pipeline depth}.
BENCHMARK(BM_Get)->ArgNames({"casql", "depth"})->ArgsProduct({{1, 0}, {1, 16}})->UseRealTime();
BENCHMARK(BM_CasReplace)
    ->ArgNames({"casql", "depth"})
    ->ArgsProduct({{1, 0}, {1, 16}})
    ->UseRealTime();

}  // namespace
}  // namespace casql::kvbin

BENCHMARK_MAIN();
