#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "kv_test_util.h"

namespace casql::kv {
namespace {

using testing::Json;
using testing::MemoryEngine;

// Read-modify-write with a CAS retry loop, as SQL++ UPDATE and SDK users do.
void IncrementWithCas(Collection& c, const std::string& key) {
  while (true) {
    auto read = c.Get(key);
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    const int64_t next = read->doc->json().AsInt() + 1;
    MutationOptions options;
    options.cas = read->cas;
    auto written = c.Replace(key, MakeJsonDoc(Value(next)), options);
    if (written.ok()) return;
    ASSERT_EQ(written.status().code(), KvStatus::kKeyEexists);
  }
}

void RunCounters(int threads, int increments_per_thread, int documents) {
  MemoryEngine m;
  Collection& c = *m.collection;
  for (int d = 0; d < documents; ++d) {
    ASSERT_TRUE(c.Insert("counter" + std::to_string(d), Json("0"), {}).ok());
  }
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < increments_per_thread; ++i) {
        IncrementWithCas(c, "counter" + std::to_string((t + i) % documents));
      }
    });
  }
  for (auto& worker : workers) worker.join();
  int64_t total = 0;
  for (int d = 0; d < documents; ++d) {
    total += c.Get("counter" + std::to_string(d))->doc->json().AsInt();
  }
  EXPECT_EQ(total, int64_t{threads} * increments_per_thread);
}

TEST(NoLostUpdates, OneCounterEightThreads) {
  RunCounters(8, 10000, 1);
}

TEST(NoLostUpdates, SixtyFourCountersEightThreads) {
  RunCounters(8, 10000, 64);
}

}  // namespace
}  // namespace casql::kv

namespace casql::kv {
namespace {

using testing::Find;
using testing::OpenEngine;
using testing::TempDir;

// Every operation at once on a few hot keys, with the log, compaction, the pager, scans,
// listeners and keyspace changes running; then the recovered state must equal the final state.
TEST(Stress, MixedOperationsWithPersistence) {
  TempDir dir;
  auto clock = std::make_shared<ManualClock>(testing::kStartTime);
  Engine::Options options;
  options.clock = clock;
  options.fsync = false;
  options.compaction_slack_bytes = 64 << 10;
  options.expiry_pager_interval = std::chrono::milliseconds(2);
  std::map<std::string, std::pair<std::string, uint64_t>> final_state;
  {
    auto engine = OpenEngine(dir.path(), options);
    ASSERT_TRUE(engine->CreateBucket("b").ok());
    auto c = Find(*engine, {"b"});
    std::atomic<uint64_t> events{0};
    c->AddMutationListener([&](const MutationEvent&) { events.fetch_add(1); });
    constexpr int kThreads = 4, kOps = 3000;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        std::mt19937 random(t);
        for (int i = 0; i < kOps; ++i) {
          const std::string key = "k" + std::to_string(random() % 40);
          MutationOptions write;
          switch (random() % 10) {
            case 0:
              write.expiry = 1;  // may expire while others work on it
              c->Upsert(key, Json("{\"t\":" + std::to_string(t) + "}"), write);
              break;
            case 1:
              c->Remove(key, {});
              break;
            case 2: {
              auto locked = c->GetAndLock(key, 1);
              if (locked.ok()) c->Unlock(key, locked->cas);
              break;
            }
            case 3:
              c->Increment("counter", 1, 0, 0);
              break;
            case 4:
              c->Scan("k1", "k3", [](std::string_view, const GetResult&) { return true; });
              break;
            case 5:
              write.durability = Durability::kPersistToMajority;
              c->Upsert(key, Json(std::to_string(i)), write);
              break;
            default: {
              auto read = c->Get(key);
              write.cas = read.ok() ? read->cas : 0;
              c->Upsert(key, Json(std::to_string(i)), write);
            }
          }
        }
      });
    }
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        clock->Advance(1);  // expiries and lock timeouts happen during the run
        ASSERT_TRUE(engine->CreateCollection("b", "_default", "c" + std::to_string(i)).ok());
        if (i % 2 == 0) {
          ASSERT_TRUE(engine->DropCollection("b", "_default", "c" + std::to_string(i)).ok());
        }
      }
    });
    for (auto& thread : threads) thread.join();
    EXPECT_GT(events.load(), 0u);
    c->Scan("", "", [&](std::string_view key, const GetResult& item) {
      final_state[std::string(key)] = {item.doc->bytes, item.cas};
      return true;
    });
  }
  auto engine = OpenEngine(dir.path(), options);
  EXPECT_TRUE(engine->recovery_report().damage.empty());
  EXPECT_EQ(engine->ListCollections("b", "_default").size(), 26u);
  std::map<std::string, std::pair<std::string, uint64_t>> recovered;
  Find(*engine, {"b"})->Scan("", "", [&](std::string_view key, const GetResult& item) {
    recovered[std::string(key)] = {item.doc->bytes, item.cas};
    return true;
  });
  EXPECT_EQ(recovered, final_state);
}

}  // namespace
}  // namespace casql::kv
