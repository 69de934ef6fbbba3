// Load and soak: 64 concurrent clients against one real `casql serve`, mixing point reads,
// conflicting updates of a few hot documents, inserts (with deletes, so the data stays the same
// size) and index scans, for 60 s (10 min with CASQL_LONG_TESTS=1). Every request must be
// answered, with success or an expected error (12009 for a lost CAS race, 1080 for a timeout);
// the server's memory and file descriptors must not grow once warmed up. Latency percentiles
// are printed, not asserted.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "tests/fault/child_server.h"
#include "value/json.h"

namespace casql::testing {
namespace {

constexpr int kClients = 64;
constexpr int kDocs = 1000;
constexpr int kHotDocs = 8;

int64_t ResidentKiB(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6));
  }
  return -1;
}

int OpenFds(int pid) {
  int n = 0;
  for ([[maybe_unused]] const auto& e :
       std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd")) {
    ++n;
  }
  return n;
}

struct Tally {
  std::mutex mu;
  std::vector<double> latencies_ms;
  int64_t ok = 0, conflicts = 0, timeouts = 0, hot_updates = 0;
  std::vector<std::string> unexpected;
};

// One client: random operations until `stop`.
void RunClient(const ChildServer& server, int client, const std::atomic<bool>& stop, Tally* tally) {
  std::mt19937 rng(static_cast<uint32_t>(client) * 7919u + 1);
  // Each client inserts and deletes its own 16 keys in turn, so the data (and the tombstones
  // deletes leave) stays the same size however long the test runs.
  std::vector<bool> present(16, false);
  std::vector<double> latencies;
  int64_t ok = 0, conflicts = 0, timeouts = 0, hot_updates = 0;
  std::vector<std::string> unexpected;
  while (!stop) {
    std::string statement;
    std::string key;
    const int op = static_cast<int>(rng() % 10);
    if (op < 4) {
      statement = "SELECT d.* FROM soak d USE KEYS $1";
      key = "doc" + std::to_string(rng() % kDocs);
    } else if (op < 7) {
      // Few hot documents, many writers: UPDATE's CAS check makes some of these lose.
      statement = "UPDATE soak USE KEYS $1 SET n = n + 1, client_id = " + std::to_string(client);
      key = "doc" + std::to_string(rng() % kHotDocs);
    } else if (op < 9) {
      const int slot = static_cast<int>(rng() % present.size());
      key = "ins-" + std::to_string(client) + "-" + std::to_string(slot);
      statement = present[slot] ? "DELETE FROM soak USE KEYS $1"
                                : "INSERT INTO soak (KEY, VALUE) VALUES ($1, {\"n\": 0})";
      present[slot] = !present[slot];
    } else {
      statement = "SELECT META(d).id, d.n FROM soak d WHERE d.n >= $1 ORDER BY d.n LIMIT 20";
    }
    Array args{key.empty() ? Value(static_cast<int64_t>(rng() % 100)) : Value(key)};
    const auto start = std::chrono::steady_clock::now();
    ChildServer::Reply r = server.Query(Value(Object{{"statement", Value(statement)},
                                                     {"args", Value(std::move(args))},
                                                     {"timeout", Value("10s")}}));
    latencies.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
    const Value code = r.json.Field("errors").Element(0).Field("code");
    if (r.http_status == 200 && r.json.Field("status") == Value("success")) {
      ++ok;
      if (op >= 4 && op < 7) ++hot_updates;
    } else if (code == Value(int64_t{12009})) {
      ++conflicts;
    } else if (code == Value(int64_t{1080})) {
      ++timeouts;
    } else if (unexpected.size() < 5) {
      unexpected.push_back(statement + " -> " + std::to_string(r.http_status) + " after " +
                           std::to_string(static_cast<int64_t>(latencies.back())) + " ms " +
                           r.body.substr(0, 300));
    }
  }
  std::lock_guard<std::mutex> lock(tally->mu);
  tally->latencies_ms.insert(tally->latencies_ms.end(), latencies.begin(), latencies.end());
  tally->ok += ok;
  tally->conflicts += conflicts;
  tally->timeouts += timeouts;
  tally->hot_updates += hot_updates;
  tally->unexpected.insert(tally->unexpected.end(), unexpected.begin(), unexpected.end());
}

TEST(SoakTest, SixtyFourClientsMixedLoad) {
  const char* long_run = std::getenv("CASQL_LONG_TESTS");
  const auto duration = long_run && std::string(long_run) == "1" ? std::chrono::seconds(600)
                                                                 : std::chrono::seconds(60);
  const auto warm_up = duration / 3;
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("casql-soak-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  ChildServer server(dir.string());
  server.Start();
  server.MustRun("CREATE BUCKET soak");
  server.MustRun("CREATE PRIMARY INDEX ON soak");
  server.MustRun("CREATE INDEX soak_n ON soak(n)");
  server.MustRun(
      "INSERT INTO soak (KEY k, VALUE v) SELECT \"doc\" || TOSTRING(i) AS k, {\"n\": i % 100} AS "
      "v FROM ARRAY_RANGE(0, " +
      std::to_string(kDocs) + ") AS i");
  const int fds_idle = OpenFds(server.pid());

  Tally tally;
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back(RunClient, std::cref(server), c, std::cref(stop), &tally);
  }
  const auto start = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(warm_up);
  const int64_t rss_warm = ResidentKiB(server.pid());
  int64_t rss_max = rss_warm;
  while (std::chrono::steady_clock::now() - start < duration) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    rss_max = std::max(rss_max, ResidentKiB(server.pid()));
  }
  stop = true;
  for (auto& t : clients) t.join();
  // Connections the clients closed are gone once the server's threads noticed.
  int fds_after = OpenFds(server.pid());
  for (int i = 0; i < 50 && fds_after > fds_idle; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    fds_after = OpenFds(server.pid());
  }

  for (const std::string& u : tally.unexpected) ADD_FAILURE() << "unexpected answer: " << u;
  EXPECT_GT(tally.ok, 0);
  EXPECT_LE(rss_max, rss_warm + rss_warm / 10)
      << "resident memory grew from " << rss_warm << " KiB after warm-up to " << rss_max;
  EXPECT_LE(fds_after, fds_idle) << "file descriptors leaked";
  // Every hot-document update either won or lost its CAS race: n counts exactly the winners
  // (they started at n = 0..kHotDocs-1). A timed-out update may or may not have happened.
  Value hot = server.MustRun("SELECT RAW SUM(d.n) FROM soak d USE KEYS [" + [] {
    std::string keys;
    for (int i = 0; i < kHotDocs; ++i) keys += (i ? ",\"doc" : "\"doc") + std::to_string(i) + "\"";
    return keys;
  }() + "]");
  const int64_t increments =
      hot.Field("results").Element(0).AsInt() - kHotDocs * (kHotDocs - 1) / 2;
  if (tally.timeouts == 0) {
    EXPECT_EQ(increments, tally.hot_updates);
  } else {
    EXPECT_GE(increments, tally.hot_updates);
  }
  EXPECT_EQ(server.Stop(), 0);
  std::filesystem::remove_all(dir);

  std::vector<double>& l = tally.latencies_ms;
  std::sort(l.begin(), l.end());
  auto pct = [&l](double p) {
    return l.empty() ? 0.0 : l[static_cast<size_t>(p * (l.size() - 1))];
  };
  std::printf(
      "[ figures ] %d clients, %lld s: %zu requests (%lld ok, %lld CAS conflicts 12009, %lld "
      "timeouts); latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; RSS %lld KiB after warm-up, "
      "max %lld KiB; fds %d idle, %d after\n",
      kClients, static_cast<long long>(duration.count()), l.size(),
      static_cast<long long>(tally.ok), static_cast<long long>(tally.conflicts),
      static_cast<long long>(tally.timeouts), pct(0.5), pct(0.99), l.empty() ? 0.0 : l.back(),
      static_cast<long long>(rss_warm), static_cast<long long>(rss_max), fds_idle, fds_after);
}

}  // namespace
}  // namespace casql::testing
