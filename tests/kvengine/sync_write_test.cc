// Durable writes (SyncWrites) are not visible before they are durable: readers see the previous
// version until the fsync, and other writes of the key get SyncWriteInProgress meanwhile.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>

#include "disk_gate.h"
#include "kv_test_util.h"

namespace casql::kv {
namespace {

using testing::Body;
using testing::DiskGate;
using testing::Find;
using testing::Json;
using testing::OpenEngine;
using testing::TempDir;

MutationOptions Durable(Durability level = Durability::kPersistToMajority) {
  MutationOptions options;
  options.durability = level;
  options.timeout = std::chrono::seconds(120);
  return options;
}

struct GatedEngine {
  TempDir dir;
  DiskGate gate;
  std::unique_ptr<Engine> engine;
  std::shared_ptr<Collection> c;

  GatedEngine() {
    Engine::Options options;
    options.write_fault = gate.Fault();
    engine = OpenEngine(dir.path(), options);
    EXPECT_TRUE(engine->CreateBucket("b").ok());
    c = Find(*engine, {"b"});
  }
};

TEST(SyncWrite, ReadersSeeThePreviousVersionUntilTheFsync) {
  GatedEngine g;
  auto& c = g.c;
  ASSERT_TRUE(c->Upsert("k", Json("1"), {}).ok());
  const uint64_t committed_cas = c->Get("k")->cas;
  ASSERT_TRUE(g.engine->Flush().ok());  // from here on, the only log write is the durable one
  std::atomic<int> events{0};
  c->AddMutationListener([&](const MutationEvent&) { ++events; });

  g.gate.Close();
  Result<MutationResult> durable = Status(KvStatus::kEinternal, "not run");
  std::thread writer(
      [&] { durable = c->Upsert("k", Json("2"), Durable(Durability::kMajorityAndPersistActive)); });
  g.gate.WaitUntilHeld();

  auto read = c->Get("k");
  EXPECT_EQ(Body(read), "1");
  EXPECT_EQ(read->cas, committed_cas);
  std::string scanned;
  ASSERT_TRUE(c->Scan("", "", [&](std::string_view, const GetResult& item) {
                 scanned += item.doc->bytes;
                 return true;
               }).ok());
  EXPECT_EQ(scanned, "1");
  EXPECT_EQ(events.load(), 0);  // listeners (index maintenance) see it only once durable too
  EXPECT_EQ(c->Upsert("k", Json("3"), {}).status().code(), KvStatus::kSyncWriteInProgress);
  MutationOptions with_cas;
  with_cas.cas = committed_cas;
  EXPECT_EQ(c->Replace("k", Json("3"), with_cas).status().code(), KvStatus::kSyncWriteInProgress);
  EXPECT_EQ(c->Remove("k", {}).status().code(), KvStatus::kSyncWriteInProgress);
  EXPECT_EQ(c->Touch("k", 100).status().code(), KvStatus::kSyncWriteInProgress);
  EXPECT_EQ(c->GetAndLock("k", 5).status().code(), KvStatus::kSyncWriteInProgress);
  EXPECT_TRUE(c->Upsert("other", Json("4"), {}).ok());  // other keys are not held up

  g.gate.Open();
  writer.join();
  ASSERT_TRUE(durable.ok()) << durable.status().ToString();
  read = c->Get("k");
  EXPECT_EQ(Body(read), "2");
  EXPECT_EQ(read->cas, durable->cas);
  EXPECT_EQ(events.load(), 2);  // "other" and the durable write
  EXPECT_TRUE(c->Upsert("k", Json("5"), {}).ok());
}

TEST(SyncWrite, DurableInsertOfANewKeyReadsAsMissingUntilTheFsync) {
  GatedEngine g;
  auto& c = g.c;
  g.gate.Close();
  Result<MutationResult> durable = Status(KvStatus::kEinternal, "not run");
  std::thread writer([&] { durable = c->Insert("fresh", Json("1"), Durable()); });
  g.gate.WaitUntilHeld();

  EXPECT_EQ(c->Get("fresh").status().code(), KvStatus::kKeyEnoent);
  size_t scanned = 0;
  ASSERT_TRUE(c->Scan("", "", [&](std::string_view, const GetResult&) {
                 ++scanned;
                 return true;
               }).ok());
  EXPECT_EQ(scanned, 0u);
  EXPECT_EQ(c->Insert("fresh", Json("2"), {}).status().code(), KvStatus::kSyncWriteInProgress);

  g.gate.Open();
  writer.join();
  ASSERT_TRUE(durable.ok()) << durable.status().ToString();
  EXPECT_EQ(Body(c->Get("fresh")), "1");
  EXPECT_EQ(c->Insert("fresh", Json("2"), {}).status().code(), KvStatus::kKeyEexists);
}

TEST(SyncWrite, DurableRemoveKeepsTheDocumentReadableUntilTheFsync) {
  GatedEngine g;
  auto& c = g.c;
  ASSERT_TRUE(c->Upsert("k", Json("1"), {}).ok());
  ASSERT_TRUE(g.engine->Flush().ok());
  g.gate.Close();
  Result<MutationResult> removed = Status(KvStatus::kEinternal, "not run");
  std::thread writer([&] { removed = c->Remove("k", Durable()); });
  g.gate.WaitUntilHeld();
  EXPECT_EQ(Body(c->Get("k")), "1");
  g.gate.Open();
  writer.join();
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(c->Get("k").status().code(), KvStatus::kKeyEnoent);
}

TEST(SyncWrite, NonDurableWritesAreVisibleAtOnce) {
  GatedEngine g;
  auto& c = g.c;
  g.gate.Close();
  // Only a flusher round can reach the closed gate; the write must not wait for it.
  ASSERT_TRUE(c->Upsert("k", Json("1"), MutationOptions{}).ok());
  MutationOptions majority;
  majority.durability = Durability::kMajority;
  ASSERT_TRUE(c->Upsert("k2", Json("2"), majority).ok());
  EXPECT_EQ(Body(c->Get("k")), "1");
  EXPECT_EQ(Body(c->Get("k2")), "2");
  g.gate.Open();
}

}  // namespace
}  // namespace casql::kv
