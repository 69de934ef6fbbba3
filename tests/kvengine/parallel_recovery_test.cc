// Recovery replays document records on several threads (ReplayWorkers) and indexes the keys only
// once the replay is done; these check the recovered state against what was written. Also built
// into the ThreadSanitizer run (label tsan).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "kv_test_util.h"

namespace casql::kv {
namespace {

using testing::Body;
using testing::Find;
using testing::Json;
using testing::OpenEngine;
using testing::TempDir;

std::vector<std::pair<std::string, std::string>> ScanAll(Collection& collection) {
  std::vector<std::pair<std::string, std::string>> out;
  Status scanned = collection.Scan("", "", [&](std::string_view key, const GetResult& got) {
    out.emplace_back(std::string(key), got.doc->bytes);
    return true;
  });
  EXPECT_TRUE(scanned.ok());
  return out;
}

TEST(ParallelRecovery, EveryKeyComesBackWithItsLastVersionAndInOrder) {
  TempDir dir;
  std::map<std::string, std::string> expected;  // what a scan must return, in key order
  {
    auto engine = OpenEngine(dir.path());
    ASSERT_TRUE(engine->CreateBucket("b").ok());
    auto c = Find(*engine, {"b"});
    // Enough keys to fill many batches of every worker and all 1024 vBuckets.
    for (int i = 0; i < 20000; ++i) {
      const std::string key = "k" + std::to_string(i);
      ASSERT_TRUE(c->Upsert(key, Json("{\"v\":" + std::to_string(i) + "}"), {}).ok());
      expected[key] = "{\"v\":" + std::to_string(i) + "}";
    }
    for (int i = 0; i < 20000; i += 3) {
      const std::string key = "k" + std::to_string(i);
      ASSERT_TRUE(c->Upsert(key, Json("{\"second\":" + std::to_string(i) + "}"), {}).ok());
      expected[key] = "{\"second\":" + std::to_string(i) + "}";
    }
    for (int i = 0; i < 20000; i += 7) {
      const std::string key = "k" + std::to_string(i);
      ASSERT_TRUE(c->Remove(key, {}).ok());
      expected.erase(key);
    }
  }
  auto engine = OpenEngine(dir.path());
  ASSERT_TRUE(engine->recovery_report().damage.empty());
  auto c = Find(*engine, {"b"});
  EXPECT_EQ(c->ItemCount(), expected.size());
  const auto scanned = ScanAll(*c);
  ASSERT_EQ(scanned.size(), expected.size());
  auto want = expected.begin();
  for (const auto& [key, bytes] : scanned) {
    EXPECT_EQ(key, want->first);
    EXPECT_EQ(bytes, want->second) << key;
    ++want;
  }
  EXPECT_EQ(Body(c->Get("k3")), "{\"second\":3}");
  EXPECT_EQ(c->Get("k7").status().code(), KvStatus::kKeyEnoent);
  // The recovered tombstone keeps its revision history: re-creating continues it.
  ASSERT_TRUE(c->Upsert("k7", Json("1"), {}).ok());
  EXPECT_EQ(c->Get("k7")->rev_seqno, 3u);
}

TEST(ParallelRecovery, CatalogChangesBetweenDocumentsApplyInLogOrder) {
  TempDir dir;
  {
    auto engine = OpenEngine(dir.path());
    ASSERT_TRUE(engine->CreateBucket("b").ok());
    ASSERT_TRUE(engine->CreateCollection("b", "_default", "c").ok());
    auto first = Find(*engine, {"b", "_default", "c"});
    for (int i = 0; i < 3000; ++i) {
      ASSERT_TRUE(first->Upsert("old" + std::to_string(i), Json("1"), {}).ok());
    }
    // The same name again is a new collection: the first one's documents must not reappear.
    ASSERT_TRUE(engine->DropCollection("b", "_default", "c").ok());
    ASSERT_TRUE(engine->CreateCollection("b", "_default", "c").ok());
    auto second = Find(*engine, {"b", "_default", "c"});
    for (int i = 0; i < 3000; ++i) {
      ASSERT_TRUE(second->Upsert("new" + std::to_string(i), Json("2"), {}).ok());
    }
  }
  auto engine = OpenEngine(dir.path());
  auto c = Find(*engine, {"b", "_default", "c"});
  EXPECT_EQ(c->ItemCount(), 3000u);
  const auto scanned = ScanAll(*c);
  ASSERT_EQ(scanned.size(), 3000u);
  for (const auto& [key, bytes] : scanned) {
    EXPECT_EQ(key.substr(0, 3), "new");
    EXPECT_EQ(bytes, "2");
  }
}

}  // namespace
}  // namespace casql::kv
