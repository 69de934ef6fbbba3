#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "disk_gate.h"
#include "kv_test_util.h"
#include "kvengine/durability.h"

namespace casql::kv {
namespace {

using testing::Body;
using testing::Find;
using testing::Json;
using testing::MemoryEngine;
using testing::OpenEngine;
using testing::TempDir;

MutationOptions Level(Durability level) {
  MutationOptions options;
  options.durability = level;
  return options;
}

TEST(Durability, RequestValidation) {
  EXPECT_FALSE(*NeedsSync(Level(Durability::kNone), true));
  EXPECT_FALSE(*NeedsSync(Level(Durability::kMajority), true));
  EXPECT_TRUE(*NeedsSync(Level(Durability::kMajorityAndPersistActive), true));
  EXPECT_TRUE(*NeedsSync(Level(Durability::kPersistToMajority), true));
  EXPECT_FALSE(*NeedsSync(Level(Durability::kMajority), false));
  EXPECT_EQ(NeedsSync(Level(Durability::kPersistToMajority), false).status().code(),
            KvStatus::kDurabilityInvalidLevel);
  EXPECT_EQ(NeedsSync(Level(static_cast<Durability>(9)), true).status().code(),
            KvStatus::kDurabilityInvalidLevel);
  MutationOptions legacy;
  legacy.persist_to = 1;
  EXPECT_TRUE(*NeedsSync(legacy, true));
  EXPECT_EQ(NeedsSync(legacy, false).status().code(), KvStatus::kDurabilityImpossible);
  legacy.persist_to = 2;
  EXPECT_EQ(NeedsSync(legacy, true).status().code(), KvStatus::kDurabilityImpossible);
  legacy.persist_to = 0;
  legacy.replicate_to = 1;
  EXPECT_EQ(NeedsSync(legacy, true).status().code(), KvStatus::kDurabilityImpossible);
  legacy.durability = Durability::kMajority;
  EXPECT_EQ(NeedsSync(legacy, true).status().code(), KvStatus::kEinval);
}

TEST(Durability, InMemoryEngineRejectsPersistenceLevels) {
  MemoryEngine m;
  EXPECT_EQ(
      m.collection->Upsert("k", Json("1"), Level(Durability::kPersistToMajority)).status().code(),
      KvStatus::kDurabilityInvalidLevel);
  EXPECT_TRUE(m.collection->Upsert("k", Json("1"), Level(Durability::kMajority)).ok());
  MutationOptions replicate;
  replicate.replicate_to = 1;
  EXPECT_EQ(m.collection->Remove("k", replicate).status().code(), KvStatus::kDurabilityImpossible);
  EXPECT_TRUE(m.collection->Get("k").ok());  // refused before anything changed
}

TEST(Durability, ConcurrentDurableWritersShareFsyncs) {
  TempDir dir;
  std::atomic<int> write_rounds{0};
  Engine::Options options;
  options.write_fault = [&] {
    ++write_rounds;
    return false;
  };
  auto engine = OpenEngine(dir.path(), options);
  ASSERT_TRUE(engine->CreateBucket("b").ok());
  auto c = Find(*engine, {"b"});
  const int before = write_rounds.load();
  constexpr int kThreads = 8, kWrites = 40;
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        auto written = c->Upsert("k" + std::to_string(t) + "-" + std::to_string(i), Json("1"),
                                 Level(Durability::kMajorityAndPersistActive));
        ASSERT_TRUE(written.ok()) << written.status().ToString();
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_LT(write_rounds.load() - before, kThreads * kWrites);
  engine.reset();
  auto reopened = OpenEngine(dir.path());
  EXPECT_EQ(Find(*reopened, {"b"})->ItemCount(), static_cast<uint64_t>(kThreads * kWrites));
}

TEST(Durability, DiskFullFailsTheWriterAndKeepsReadsServing) {
  TempDir dir;
  std::atomic<bool> disk_full{false};
  Engine::Options options;
  options.write_fault = [&] { return disk_full.load(); };
  auto engine = OpenEngine(dir.path(), options);
  ASSERT_TRUE(engine->CreateBucket("b").ok());
  auto c = Find(*engine, {"b"});
  ASSERT_TRUE(c->Upsert("k", Json("1"), Level(Durability::kPersistToMajority)).ok());

  disk_full = true;
  auto failed = c->Upsert("k2", Json("2"), Level(Durability::kPersistToMajority));
  EXPECT_EQ(failed.status().code(), KvStatus::kTmpfail);
  EXPECT_NE(failed.status().message().find("No space left"), std::string::npos);
  EXPECT_EQ(Body(c->Get("k")), "1");  // reads keep working
  EXPECT_EQ(c->Upsert("k3", Json("3"), {}).status().code(), KvStatus::kTmpfail);
  EXPECT_EQ(engine->Flush().code(), KvStatus::kTmpfail);

  disk_full = false;
  ASSERT_TRUE(engine->Flush().ok());  // the retry writes what was held back
  ASSERT_TRUE(c->Upsert("k4", Json("4"), Level(Durability::kPersistToMajority)).ok());
  engine.reset();
  auto reopened = OpenEngine(dir.path());
  auto rc = Find(*reopened, {"b"});
  EXPECT_TRUE(rc->Get("k").ok());
  EXPECT_TRUE(rc->Get("k4").ok());
  EXPECT_TRUE(reopened->recovery_report().damage.empty());
}

TEST(Durability, BackgroundFlusherPersistsNonDurableWrites) {
  TempDir dir;
  std::atomic<int> write_rounds{0};
  Engine::Options options;
  options.write_fault = [&] {
    write_rounds.fetch_add(1);
    write_rounds.notify_all();
    return false;
  };
  auto engine = OpenEngine(dir.path(), options);
  ASSERT_TRUE(engine->CreateBucket("b").ok());
  auto c = Find(*engine, {"b"});
  const int before = write_rounds.load();
  ASSERT_TRUE(c->Upsert("k", Json("1"), {}).ok());
  // No one asked for a sync: the flusher thread must write it on its own.
  write_rounds.wait(before);
  EXPECT_GT(write_rounds.load(), before);
}

}  // namespace
}  // namespace casql::kv

namespace casql::kv {
namespace {

TEST(Durability, TimeoutWhileAnotherWriteHoldsTheDiskIsAmbiguous) {
  testing::TempDir dir;
  testing::DiskGate gate;
  Engine::Options options;
  options.write_fault = gate.Fault();
  auto engine = testing::OpenEngine(dir.path(), options);
  ASSERT_TRUE(engine->CreateBucket("b").ok());
  auto c = testing::Find(*engine, {"b"});
  MutationOptions patient = Level(Durability::kPersistToMajority);
  patient.timeout = std::chrono::seconds(60);
  gate.Close();
  std::thread first([&] { EXPECT_TRUE(c->Upsert("a", testing::Json("1"), patient).ok()); });
  gate.WaitUntilHeld();  // some writer's I/O is now stuck
  MutationOptions hasty = Level(Durability::kPersistToMajority);
  hasty.timeout = std::chrono::milliseconds(20);
  EXPECT_EQ(c->Upsert("b", testing::Json("2"), hasty).status().code(),
            KvStatus::kSyncWriteAmbiguous);
  // Not durable yet, so not visible; the log still holds it and a later fsync settles it.
  EXPECT_EQ(c->Get("b").status().code(), KvStatus::kKeyEnoent);
  gate.Open();
  first.join();
  EXPECT_TRUE(engine->Flush().ok());
  EXPECT_EQ(testing::Body(c->Get("b")), "2");
}

}  // namespace
}  // namespace casql::kv
