#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "kv_test_util.h"

namespace casql::kv {
namespace {

using testing::Body;
using testing::Find;
using testing::Json;
using testing::OpenEngine;
using testing::TempDir;

TEST(Persistence, ReopenRestoresDocumentsAndMetadata) {
  TempDir dir;
  GetResult before_a, before_tomb;
  uint64_t last_cas = 0;
  {
    auto engine = OpenEngine(dir.path());
    ASSERT_TRUE(engine->CreateBucket("b").ok());
    auto c = Find(*engine, {"b"});
    MutationOptions options;
    options.flags = 7;
    options.expiry = 4'000'000'000u;
    ASSERT_TRUE(c->Upsert("a", Json(R"({"x":1})"), options).ok());
    ASSERT_TRUE(c->Replace("a", Json(R"({"x":2})"), options).ok());
    ASSERT_TRUE(c->Upsert("tomb", Json("1"), {}).ok());
    last_cas = c->Remove("tomb", {})->cas;
    ASSERT_TRUE(c->Upsert("bin", MakeDocFromBytes("\x01\x02"), {}).ok());
    before_a = *c->Get("a");
  }
  auto engine = OpenEngine(dir.path());
  EXPECT_TRUE(engine->recovery_report().damage.empty());
  EXPECT_EQ(engine->recovery_report().buckets, 1u);
  auto c = Find(*engine, {"b"});
  auto a = c->Get("a");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(Body(a), R"({"x":2})");
  EXPECT_EQ(a->cas, before_a.cas);
  EXPECT_EQ(a->rev_seqno, 2u);
  EXPECT_EQ(a->seqno, before_a.seqno);
  EXPECT_EQ(a->flags, 7u);
  EXPECT_EQ(a->expiry, 4'000'000'000u);
  EXPECT_EQ(a->doc->json().Field("x"), Value(2));
  EXPECT_FALSE(c->Get("bin")->doc->is_json);
  EXPECT_EQ(c->Get("tomb").status().code(), KvStatus::kKeyEnoent);
  EXPECT_EQ(c->ItemCount(), 2u);
  // The tombstone kept its revision; CAS keeps growing after a restart.
  ASSERT_TRUE(c->Insert("tomb", Json("2"), {}).ok());
  EXPECT_EQ(c->Get("tomb")->rev_seqno, 3u);
  EXPECT_GT(c->Get("tomb")->cas, last_cas);
}

TEST(Persistence, KeyspaceChangesAreLogged) {
  TempDir dir;
  {
    auto engine = OpenEngine(dir.path());
    ASSERT_TRUE(engine->CreateBucket("b").ok());
    ASSERT_TRUE(engine->CreateBucket("gone").ok());
    ASSERT_TRUE(engine->CreateScope("b", "s").ok());
    ASSERT_TRUE(engine->CreateCollection("b", "s", "c").ok());
    ASSERT_TRUE(Find(*engine, {"b", "s", "c"})->Upsert("old", Json("1"), {}).ok());
    // Dropped and re-created: a new collection that must not get the old documents back.
    ASSERT_TRUE(engine->DropCollection("b", "s", "c").ok());
    ASSERT_TRUE(engine->CreateCollection("b", "s", "c").ok());
    ASSERT_TRUE(Find(*engine, {"b", "s", "c"})->Upsert("new", Json("1"), {}).ok());
    ASSERT_TRUE(engine->CreateScope("b", "temp").ok());
    ASSERT_TRUE(engine->DropScope("b", "temp").ok());
    ASSERT_TRUE(engine->DropBucket("gone").ok());
  }
  auto engine = OpenEngine(dir.path());
  EXPECT_EQ(engine->ListBuckets(), std::vector<std::string>{"b"});
  EXPECT_EQ(engine->ListScopes("b"), (std::vector<std::string>{"_default", "s"}));
  EXPECT_EQ(engine->ListCollections("b", "_default"), std::vector<std::string>{"_default"});
  auto c = Find(*engine, {"b", "s", "c"});
  EXPECT_EQ(c->Get("old").status().code(), KvStatus::kKeyEnoent);
  EXPECT_TRUE(c->Get("new").ok());
  EXPECT_TRUE(engine->CreateCollection("b", "s", "d").ok());
}

TEST(Persistence, SecondEngineOnSameDirIsRefused) {
  TempDir dir;
  auto engine = OpenEngine(dir.path());
  Engine::Options options;
  options.data_dir = dir.path().string();
  auto second = Engine::Open(options);
  EXPECT_EQ(second.status().code(), KvStatus::kEinternal);
}

TEST(Persistence, CompactionKeepsStateAndBoundsLogSize) {
  TempDir dir;
  Engine::Options options;
  options.fsync = false;
  options.compaction_slack_bytes = 256 << 10;
  constexpr int kDocs = 200;
  {
    auto engine = OpenEngine(dir.path(), options);
    ASSERT_TRUE(engine->CreateBucket("b").ok());
    auto c = Find(*engine, {"b"});
    const std::string filler(1000, 'x');
    for (int round = 0; round < 60; ++round) {
      for (int d = 0; d < kDocs; ++d) {
        const std::string body =
            "{\"round\":" + std::to_string(round) + ",\"f\":\"" + filler + "\"}";
        ASSERT_TRUE(c->Upsert("doc" + std::to_string(d), Json(body), {}).ok());
        auto stats = engine->LogStats("b");
        // Writers may overshoot the limit by what they had in flight (here one record).
        ASSERT_LE(stats->log_bytes, 2 * static_cast<uint64_t>(stats->live_bytes) +
                                        options.compaction_slack_bytes + 2048)
            << "round " << round;
      }
    }
    EXPECT_GT(engine->LogStats("b")->compactions, 0u);
    ASSERT_TRUE(c->Remove("doc0", {}).ok());
  }
  auto engine = OpenEngine(dir.path(), options);
  EXPECT_TRUE(engine->recovery_report().damage.empty());
  auto c = Find(*engine, {"b"});
  EXPECT_EQ(c->ItemCount(), kDocs - 1u);
  EXPECT_EQ(c->Get("doc7")->doc->json().Field("round"), Value(59));
  EXPECT_EQ(c->Get("doc0").status().code(), KvStatus::kKeyEnoent);
}

TEST(Persistence, ExplicitCompactionThenMoreWrites) {
  TempDir dir;
  Engine::Options options;
  options.fsync = false;
  {
    auto engine = OpenEngine(dir.path(), options);
    ASSERT_TRUE(engine->CreateBucket("b").ok());
    ASSERT_TRUE(engine->CreateScope("b", "s").ok());
    ASSERT_TRUE(engine->CreateCollection("b", "s", "c").ok());
    auto c = Find(*engine, {"b", "s", "c"});
    for (int i = 0; i < 100; ++i)
      ASSERT_TRUE(c->Upsert("k" + std::to_string(i), Json("1"), {}).ok());
    ASSERT_TRUE(engine->Compact("b").ok());
    ASSERT_TRUE(c->Upsert("k1", Json("2"), {}).ok());
    ASSERT_TRUE(engine->Compact("b").ok());
    ASSERT_TRUE(c->Upsert("k2", Json("3"), {}).ok());
  }
  // A snapshot older than the newest, as a crash during compaction may leave, is discarded.
  const std::filesystem::path stale = dir.path() / "b" / "0000000001.snap";
  std::ofstream(stale) << "stale";
  auto engine = OpenEngine(dir.path(), options);
  EXPECT_FALSE(std::filesystem::exists(stale));
  EXPECT_TRUE(engine->recovery_report().damage.empty());
  auto c = Find(*engine, {"b", "s", "c"});
  EXPECT_EQ(c->ItemCount(), 100u);
  EXPECT_EQ(Body(c->Get("k1")), "2");
  EXPECT_EQ(Body(c->Get("k2")), "3");
  size_t files = 0;
  for (const auto& f : std::filesystem::directory_iterator(dir.path() / "b")) {
    (void)f;
    ++files;
  }
  EXPECT_LE(files, 4u);  // one snapshot and the segments written since
}

}  // namespace
}  // namespace casql::kv
