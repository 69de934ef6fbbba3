// A full disk: log appends, compaction snapshots and durable writes fail with TMPFAIL without
// acknowledging anything, reads keep working, and writes resume once space returns.
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

#include "kv_test_util.h"
#include "tests/casql_skip.h"

namespace casql::kv {
namespace {

using testing::Body;
using testing::Find;
using testing::Json;
using testing::OpenEngine;
using testing::TempDir;

MutationOptions Durable() {
  MutationOptions options;
  options.durability = Durability::kPersistToMajority;
  return options;
}

bool HasFileEndingIn(const std::filesystem::path& dir, std::string_view suffix) {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.path().string().ends_with(suffix)) return true;
  }
  return false;
}

TEST(DiskFull, DurableWriteIsRefusedWithTmpfailAndNotVisible) {
  TempDir dir;
  std::atomic<bool> disk_full{false};
  Engine::Options options;
  options.write_fault = [&] { return disk_full.load(); };
  auto engine = OpenEngine(dir.path(), options);
  ASSERT_TRUE(engine->CreateBucket("b").ok());
  auto c = Find(*engine, {"b"});
  ASSERT_TRUE(c->Upsert("k", Json("1"), Durable()).ok());

  disk_full = true;
  auto refused = c->Upsert("k", Json("2"), Durable());
  EXPECT_EQ(refused.status().code(), KvStatus::kTmpfail);
  EXPECT_EQ(Body(c->Get("k")), "1");  // not acknowledged, so not visible either
  EXPECT_EQ(c->Insert("new", Json("3"), {}).status().code(), KvStatus::kTmpfail);
  EXPECT_EQ(c->Get("new").status().code(), KvStatus::kKeyEnoent);

  disk_full = false;
  ASSERT_TRUE(engine->Flush().ok());
  // The refused write was still in the log's buffer: once written it is durable, like a
  // SyncWriteAmbiguous outcome, and becomes visible.
  EXPECT_EQ(Body(c->Get("k")), "2");
  ASSERT_TRUE(c->Insert("new", Json("3"), Durable()).ok());
  engine.reset();
  auto reopened = OpenEngine(dir.path());
  auto rc = Find(*reopened, {"b"});
  EXPECT_EQ(Body(rc->Get("k")), "2");
  EXPECT_EQ(Body(rc->Get("new")), "3");
}

TEST(DiskFull, CompactionFailsCleanlyAndSucceedsOnceSpaceReturns) {
  TempDir dir;
  std::atomic<bool> disk_full{false};
  Engine::Options options;
  options.write_fault = [&] { return disk_full.load(); };
  auto engine = OpenEngine(dir.path(), options);
  ASSERT_TRUE(engine->CreateBucket("b").ok());
  auto c = Find(*engine, {"b"});
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 50; ++i) {
      ASSERT_TRUE(c->Upsert("k" + std::to_string(i), Json(std::to_string(round)), {}).ok());
    }
  }
  ASSERT_TRUE(engine->Flush().ok());
  const uint64_t log_bytes = engine->LogStats("b")->log_bytes;

  disk_full = true;
  EXPECT_EQ(engine->Compact("b").code(), KvStatus::kTmpfail);
  EXPECT_FALSE(HasFileEndingIn(dir.path(), ".snap.tmp"));  // no half snapshot left behind
  EXPECT_FALSE(HasFileEndingIn(dir.path(), ".snap"));
  EXPECT_EQ(Body(c->Get("k7")), "2");

  disk_full = false;
  ASSERT_TRUE(engine->Compact("b").ok());
  EXPECT_LT(engine->LogStats("b")->log_bytes, log_bytes);
  ASSERT_TRUE(c->Upsert("k7", Json("9"), Durable()).ok());
  engine.reset();
  auto reopened = OpenEngine(dir.path());
  auto rc = Find(*reopened, {"b"});
  EXPECT_EQ(Body(rc->Get("k7")), "9");
  EXPECT_EQ(Body(rc->Get("k8")), "2");
  EXPECT_EQ(rc->ItemCount(), 50u);
  EXPECT_TRUE(reopened->recovery_report().damage.empty());
}

// The real thing: a 1 MiB tmpfs fills up, then grows. Needs root (mount); skipped otherwise.
TEST(DiskFull, RealFullFilesystem) {
  TempDir dir;
  if (::geteuid() != 0 || ::mount("casql-test", dir.path().c_str(), "tmpfs", 0, "size=1m") != 0) {
    CASQL_SKIP("needs root to mount a small tmpfs");
  }
  {
    auto engine = OpenEngine(dir.path());
    ASSERT_TRUE(engine->CreateBucket("b").ok());
    auto c = Find(*engine, {"b"});
    const std::string big = "\"" + std::string(64 * 1024, 'x') + "\"";
    int stored = 0;
    Status failure;
    for (; stored < 64; ++stored) {
      auto written = c->Upsert("k" + std::to_string(stored), Json(big), Durable());
      if (!written.ok()) {
        failure = written.status();
        break;
      }
    }
    ASSERT_LT(stored, 64) << "1 MiB should not hold 64 x 64 KiB";
    EXPECT_EQ(failure.code(), KvStatus::kTmpfail) << failure.ToString();
    EXPECT_TRUE(c->Get("k0").ok());
    EXPECT_EQ(c->Upsert("small", Json("1"), {}).status().code(), KvStatus::kTmpfail);

    ASSERT_EQ(::mount("casql-test", dir.path().c_str(), "tmpfs", MS_REMOUNT, "size=16m"), 0);
    ASSERT_TRUE(engine->Flush().ok());
    ASSERT_TRUE(c->Upsert("small", Json("1"), Durable()).ok());
  }
  ::umount(dir.path().c_str());
}

}  // namespace
}  // namespace casql::kv
