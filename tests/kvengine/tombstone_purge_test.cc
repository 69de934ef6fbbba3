// Tombstones keep a deleted document's metadata for the metadata purge interval, then the purger
// forgets them, in memory and, through the next compaction, in the log.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "kv_test_util.h"
#include "kvengine/key_table.h"

namespace casql::kv {
namespace {

using testing::Body;
using testing::Find;
using testing::Json;
using testing::kStartTime;
using testing::OpenEngine;
using testing::TempDir;

constexpr std::chrono::seconds kPurgeInterval{100};

Engine::Options WithClock(const std::shared_ptr<ManualClock>& clock) {
  Engine::Options options;
  options.clock = clock;
  options.metadata_purge_interval = kPurgeInterval;
  return options;
}

TEST(TombstonePurge, PurgesOnlyTombstonesOlderThanTheInterval) {
  auto clock = std::make_shared<ManualClock>(kStartTime);
  auto engine = std::move(Engine::Open(WithClock(clock))).value();
  ASSERT_TRUE(engine->CreateBucket("b").ok());
  auto c = Find(*engine, {"b"});
  for (const char* key : {"a", "b", "c", "live"}) ASSERT_TRUE(c->Upsert(key, Json("1"), {}).ok());
  ASSERT_TRUE(c->Remove("a", {}).ok());
  ASSERT_TRUE(c->Remove("b", {}).ok());
  clock->Advance(50);
  ASSERT_TRUE(c->Remove("c", {}).ok());

  EXPECT_EQ(engine->RunTombstonePurger(), 0u);  // a and b are 50 s old
  // Within the interval a re-created document continues its revision history.
  ASSERT_TRUE(c->Insert("b", Json("2"), {}).ok());
  EXPECT_EQ(c->Get("b")->rev_seqno, 3u);

  clock->Advance(50);
  EXPECT_EQ(engine->RunTombstonePurger(), 1u);  // a; b is alive, c only 50 s old
  EXPECT_EQ(engine->RunTombstonePurger(), 0u);
  clock->Advance(50);
  EXPECT_EQ(engine->RunTombstonePurger(), 1u);  // c

  EXPECT_EQ(c->Get("a").status().code(), KvStatus::kKeyEnoent);
  MutationOptions with_cas;
  with_cas.cas = 1;
  EXPECT_EQ(c->Replace("a", Json("3"), with_cas).status().code(), KvStatus::kKeyEnoent);
  ASSERT_TRUE(c->Insert("a", Json("3"), {}).ok());
  EXPECT_EQ(c->Get("a")->rev_seqno, 1u);  // the history went with the tombstone
  EXPECT_EQ(Body(c->Get("live")), "1");
  EXPECT_EQ(c->ItemCount(), 3u);
  std::set<std::string> keys;
  ASSERT_TRUE(c->Scan("", "", [&](std::string_view key, const GetResult&) {
                 keys.emplace(key);
                 return true;
               }).ok());
  EXPECT_EQ(keys, (std::set<std::string>{"a", "b", "live"}));
}

TEST(TombstonePurge, ExpiredDocumentsBecomeTombstonesThatArePurgedToo) {
  auto clock = std::make_shared<ManualClock>(kStartTime);
  auto engine = std::move(Engine::Open(WithClock(clock))).value();
  ASSERT_TRUE(engine->CreateBucket("b").ok());
  auto c = Find(*engine, {"b"});
  MutationOptions expiring;
  expiring.expiry = 10;
  ASSERT_TRUE(c->Upsert("e", Json("1"), expiring).ok());
  clock->Advance(10);
  EXPECT_EQ(engine->RunExpiryPager(), 1u);
  EXPECT_EQ(engine->RunTombstonePurger(), 0u);
  clock->Advance(kPurgeInterval.count());
  EXPECT_EQ(engine->RunTombstonePurger(), 1u);
}

TEST(TombstonePurge, DeletionTimeSurvivesARestart) {
  TempDir dir;
  auto clock = std::make_shared<ManualClock>(kStartTime);
  {
    auto engine = OpenEngine(dir.path(), WithClock(clock));
    ASSERT_TRUE(engine->CreateBucket("b").ok());
    auto c = Find(*engine, {"b"});
    ASSERT_TRUE(c->Upsert("gone", Json("1"), {}).ok());
    ASSERT_TRUE(c->Remove("gone", {}).ok());
  }
  clock->Advance(60);
  auto engine = OpenEngine(dir.path(), WithClock(clock));
  EXPECT_EQ(engine->RunTombstonePurger(), 0u);
  clock->Advance(40);
  EXPECT_EQ(engine->RunTombstonePurger(), 1u);
}

TEST(TombstonePurge, CompactionDropsPurgedTombstonesFromTheLog) {
  TempDir dir;
  auto clock = std::make_shared<ManualClock>(kStartTime);
  {
    auto engine = OpenEngine(dir.path(), WithClock(clock));
    ASSERT_TRUE(engine->CreateBucket("b").ok());
    ASSERT_TRUE(engine->CreateBucket("kept").ok());
    for (const char* bucket : {"b", "kept"}) {
      auto c = Find(*engine, {bucket});
      for (int i = 0; i < 20; ++i) {
        ASSERT_TRUE(c->Upsert("k" + std::to_string(i), Json("1"), {}).ok());
        if (i % 2 == 0) {
          ASSERT_TRUE(c->Remove("k" + std::to_string(i), {}).ok());
        }
      }
    }
    clock->Advance(kPurgeInterval.count());
    const int64_t live_before = engine->LogStats("b")->live_bytes;
    // Purge bucket b only: the control bucket keeps its tombstones through the compaction.
    EXPECT_EQ(Find(*engine, {"b"})->PurgeTombstones(clock->NowSeconds()), 10u);
    EXPECT_LT(engine->LogStats("b")->live_bytes, live_before);
    ASSERT_TRUE(engine->Compact("b").ok());
    ASSERT_TRUE(engine->Compact("kept").ok());
  }
  auto engine = OpenEngine(dir.path(), WithClock(clock));
  auto b = Find(*engine, {"b"});
  EXPECT_EQ(b->ItemCount(), 10u);
  EXPECT_EQ(b->PurgeTombstones(clock->NowSeconds()), 0u);  // none came back from the snapshot
  EXPECT_EQ(Find(*engine, {"kept"})->PurgeTombstones(clock->NowSeconds()), 10u);
  EXPECT_EQ(Body(b->Get("k1")), "1");
  EXPECT_EQ(b->Get("k0").status().code(), KvStatus::kKeyEnoent);
}

TEST(KeyTableErase, RemainingKeysStayFindable) {
  KeyTable table;
  constexpr int kKeys = 2000;
  for (int i = 0; i < kKeys; ++i) {
    const std::string key = "key" + std::to_string(i);
    table.Insert(key, KeyTable::Hash(key))->entry.seqno = static_cast<uint64_t>(i) + 1;
  }
  for (int i = 0; i < kKeys; i += 3) {
    const std::string key = "key" + std::to_string(i);
    EXPECT_TRUE(table.Erase(key, KeyTable::Hash(key)));
    EXPECT_FALSE(table.Erase(key, KeyTable::Hash(key)));
  }
  for (int i = 0; i < kKeys; ++i) {
    const std::string key = "key" + std::to_string(i);
    KeyTable::Node* node = table.Find(key, KeyTable::Hash(key));
    if (i % 3 == 0) {
      EXPECT_EQ(node, nullptr) << key;
    } else {
      ASSERT_NE(node, nullptr) << key;
      EXPECT_EQ(node->entry.seqno, static_cast<uint64_t>(i) + 1);
    }
  }
  size_t count = 0;
  table.ForEach([&](KeyTable::Node&) { ++count; });
  EXPECT_EQ(count, static_cast<size_t>(kKeys - (kKeys + 2) / 3));
}

}  // namespace
}  // namespace casql::kv
