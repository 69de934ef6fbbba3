// kill -9 of a real `casql serve` under concurrent writers, then a restart on the same data
// directory. Every writer owns its keys, so the test knows each key's history exactly: after
// recovery a key must hold the state after some prefix of its history that includes every
// write acknowledged with durability_level persistToMajority, with the CAS that write was
// acknowledged with. Writes without durability may be lost (kvengine.md), never corrupted.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "tests/fault/child_server.h"
#include "value/json.h"

namespace casql::testing {
namespace {

constexpr int kWriters = 4;
constexpr int kKeysPerWriter = 8;
constexpr auto kMaxRestart = std::chrono::seconds(5);

bool LongRun() {
  const char* v = std::getenv("CASQL_LONG_TESTS");
  return v && std::string(v) == "1";
}

// One write in a key's history: the document it leaves (nullopt = deleted) and whether the
// server acknowledged it, durably or not, and with which CAS.
struct Write {
  std::optional<int64_t> version;  // the document is {"w": writer, "v": version}
  bool acked = false;
  bool durable = false;
  int64_t cas = 0;
};

// A key's history since the last verified restart; entry 0 is the verified state.
struct KeyHistory {
  std::vector<Write> writes;
  size_t DurableFloor() const {
    size_t floor = 0;
    for (size_t i = 0; i < writes.size(); ++i) {
      if (writes[i].acked && writes[i].durable) floor = i;
    }
    return floor;
  }
};

struct Counters {
  std::atomic<int64_t> acked{0}, acked_durable{0};
};

std::string Key(int writer, int k) {
  return "w" + std::to_string(writer) + "-k" + std::to_string(k);
}

std::string Doc(int writer, int64_t version) {
  return "{\"w\": " + std::to_string(writer) + ", \"v\": " + std::to_string(version) + "}";
}

// Writes over its own keys until the server stops answering. Each statement's intended
// result is appended to the key's history before it is sent, so a write in flight at the
// kill counts as possibly applied.
void RunWriter(const ChildServer& server, int writer, uint32_t seed, int64_t* next_version,
               std::vector<KeyHistory>* keys, Counters* counters) {
  std::mt19937 rng(seed);
  while (true) {
    const int k = static_cast<int>(rng() % kKeysPerWriter);
    KeyHistory& h = (*keys)[k];
    const bool exists = h.writes.back().version.has_value();
    const int64_t version = (*next_version)++;
    const std::string key = Key(writer, k);
    std::string statement;
    Write w;
    const int op = static_cast<int>(rng() % 4);
    if (!exists) {
      statement = "INSERT INTO crash (KEY, VALUE) VALUES (\"" + key + "\", " +
                  Doc(writer, version) + ") RETURNING META().cas AS cas";
      w.version = version;
    } else if (op == 0) {
      statement = "DELETE FROM crash USE KEYS \"" + key + "\" RETURNING META().cas AS cas";
    } else if (op == 1) {
      statement = "UPDATE crash USE KEYS \"" + key + "\" SET v = " + std::to_string(version) +
                  " RETURNING META().cas AS cas";
      w.version = version;
    } else {
      statement = "UPSERT INTO crash (KEY, VALUE) VALUES (\"" + key + "\", " +
                  Doc(writer, version) + ") RETURNING META().cas AS cas";
      w.version = version;
    }
    w.durable = rng() % 2 == 0;
    Object params{{"statement", Value(statement)}};
    if (w.durable) params.Set("durability_level", Value("persistToMajority"));
    h.writes.push_back(w);
    ChildServer::Reply r = server.Query(Value(std::move(params)));
    if (r.http_status == 0) return;  // the server is gone; this write's fate is unknown
    ASSERT_EQ(r.json.Field("status"), Value("success")) << statement << "\n" << r.body;
    Write& done = h.writes.back();
    done.acked = true;
    if (done.version) {
      const Value& cas = r.json.Field("results").Element(0).Field("cas");
      ASSERT_TRUE(cas.IsNumber()) << r.body;
      done.cas = cas.AsInt();
      // A later write to a key carries a larger CAS (HLC order per vBucket), also across a
      // restart: entry 0 is the recovered document.
      for (size_t i = h.writes.size() - 1; i-- > 0;) {
        if (h.writes[i].acked && h.writes[i].version) {
          ASSERT_GT(done.cas, h.writes[i].cas) << key;
          break;
        }
      }
    }
    counters->acked++;
    if (done.durable) counters->acked_durable++;
  }
}

struct Observed {
  int64_t writer = -1, version = -1, cas = 0;
};

std::map<std::string, Observed> ReadAll(const ChildServer& server) {
  Value r = server.MustRun(
      "SELECT META(d).id AS id, META(d).cas AS cas, d.w, d.v, OBJECT_LENGTH(d) AS n FROM crash d");
  std::map<std::string, Observed> out;
  for (const Value& row : r.Field("results").AsArray()) {
    if (row.Field("n") != Value(int64_t{2})) {
      ADD_FAILURE() << "a document nobody wrote: " << ToJson(row);
      continue;
    }
    out[row.Field("id").AsString()] =
        Observed{row.Field("w").AsInt(), row.Field("v").AsInt(), row.Field("cas").AsInt()};
  }
  return out;
}

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("casql-crash-" + std::to_string(getpid()) +
                                                     "-" + std::to_string(std::random_device{}()));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(CrashTest, AcknowledgedDurableWritesSurviveKill9) {
  const int cycles = LongRun() ? 500 : 20;
  ChildServer server(dir_.string());
  server.Start();
  server.MustRun("CREATE BUCKET crash");
  server.MustRun("CREATE PRIMARY INDEX ON crash");

  std::vector<std::vector<KeyHistory>> keys(kWriters, std::vector<KeyHistory>(kKeysPerWriter));
  for (auto& writer : keys) {
    for (auto& h : writer) h.writes.push_back(Write{std::nullopt, true, true, 0});
  }
  std::set<std::string> written;
  for (int w = 0; w < kWriters; ++w) {
    for (int k = 0; k < kKeysPerWriter; ++k) written.insert(Key(w, k));
  }
  std::vector<int64_t> next_version(kWriters, 1);
  std::mt19937 rng(std::random_device{}());
  std::chrono::milliseconds slowest_restart{0};
  int64_t total_acked = 0, total_durable = 0, lost_non_durable = 0;

  for (int cycle = 0; cycle < cycles; ++cycle) {
    Counters counters;
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
      writers.emplace_back(RunWriter, std::cref(server), w, static_cast<uint32_t>(rng()),
                           &next_version[w], &keys[w], &counters);
    }
    // Kill at a random moment after the writers got going: wait (with a deadline) for a
    // random number of acknowledgements, which spreads kills over every phase of a write.
    const int64_t target = 5 + rng() % 60;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (counters.acked < target && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::yield();
    }
    ASSERT_GE(counters.acked, target) << "writers made no progress";
    server.Kill9();
    for (auto& t : writers) t.join();
    if (HasFatalFailure()) return;
    total_acked += counters.acked;
    total_durable += counters.acked_durable;

    slowest_restart = std::max(slowest_restart, server.Start());
    const std::map<std::string, Observed> docs = ReadAll(server);
    for (int w = 0; w < kWriters; ++w) {
      for (int k = 0; k < kKeysPerWriter; ++k) {
        const std::string key = Key(w, k);
        KeyHistory& h = keys[w][k];
        auto it = docs.find(key);
        std::optional<int64_t> found;
        if (it != docs.end()) {
          EXPECT_EQ(it->second.writer, w) << key;
          found = it->second.version;
        }
        // The recovered state must be the one some write at or after the durable floor left.
        std::optional<size_t> match;
        for (size_t i = h.writes.size(); i-- > h.DurableFloor();) {
          if (h.writes[i].version == found) {
            match = i;
            break;
          }
        }
        ASSERT_TRUE(match.has_value())
            << "cycle " << cycle << ": " << key << " holds "
            << (found ? std::to_string(*found) : "nothing")
            << ", not a state at or after its last durable acknowledgement";
        const Write& m = h.writes[*match];
        if (m.acked && found) {
          EXPECT_EQ(it->second.cas, m.cas) << key;
        }
        for (size_t i = *match + 1; i < h.writes.size(); ++i) {
          if (h.writes[i].acked) ++lost_non_durable;
        }
        // The recovered state is the verified start of the next cycle's history.
        Write start{found, true, true, found ? it->second.cas : 0};
        h.writes.assign(1, start);
      }
    }
    for (const auto& entry : docs) EXPECT_EQ(written.count(entry.first), 1u) << entry.first;
  }
  EXPECT_LT(slowest_restart, kMaxRestart);
  EXPECT_EQ(server.Stop(), 0);
  std::printf(
      "[ figures ] %d kill -9 cycles, %lld acknowledged writes (%lld durable), %lld acknowledged "
      "non-durable writes lost, slowest restart %lld ms\n",
      cycles, static_cast<long long>(total_acked), static_cast<long long>(total_durable),
      static_cast<long long>(lost_non_durable), static_cast<long long>(slowest_restart.count()));
}

}  // namespace
}  // namespace casql::testing
