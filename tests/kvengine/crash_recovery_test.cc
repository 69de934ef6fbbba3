// Simulated crashes: the data dir is copied while the engine runs (what a power cut would leave
// of acknowledged durable writes), then the copy's log is cut at every record boundary and at
// random offsets inside the last record.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "kv_test_util.h"
#include "kvengine/log_file_reader.h"

namespace casql::kv {
namespace {

using testing::Body;
using testing::Find;
using testing::Json;
using testing::OpenEngine;
using testing::TempDir;

struct Acked {
  std::string key;
  std::string body;
  uint64_t cas;
};

// The segment the engine was writing: the newest one (the first holds the bucket's header).
std::filesystem::path LastSegment(const std::filesystem::path& bucket_dir) {
  std::filesystem::path last;
  for (const auto& f : std::filesystem::directory_iterator(bucket_dir)) {
    if (f.path().extension() == ".log" && f.path() > last) last = f.path();
  }
  return last;
}

TEST(CrashRecovery, EveryAcknowledgedDurableWriteSurvivesAnyTruncation) {
  TempDir dir;
  const std::filesystem::path live = dir.path() / "live";
  const std::filesystem::path crashed = dir.path() / "crashed";
  std::vector<Acked> acked;
  auto engine = OpenEngine(live);
  ASSERT_TRUE(engine->CreateBucket("b").ok());
  auto c = Find(*engine, {"b"});
  MutationOptions durable;
  durable.durability = Durability::kPersistToMajority;
  for (int i = 0; i < 40; ++i) {
    const std::string key = "k" + std::to_string(i % 25);
    const std::string body = "{\"v\":" + std::to_string(i) + "}";
    auto written = c->Upsert(key, Json(body), durable);
    ASSERT_TRUE(written.ok()) << written.status().ToString();
    acked.push_back({key, body, written->cas});
  }
  // The crash: copy what is on disk while the engine still runs.
  std::filesystem::copy(live, crashed, std::filesystem::copy_options::recursive);
  std::filesystem::remove(crashed / "LOCK");
  const std::filesystem::path segment = LastSegment(crashed / "b");
  std::string original;
  {
    std::ifstream in(segment, std::ios::binary);
    original.assign(std::istreambuf_iterator<char>(in), {});
  }
  // Record boundaries, one record per write.
  std::vector<uint64_t> boundaries;
  {
    auto reader = LogFileReader::Open(segment);
    ASSERT_TRUE(reader.ok());
    const uint64_t end = (*reader)->ForEach(
        [&](const LogRecord&, uint64_t offset) { boundaries.push_back(offset); });
    ASSERT_EQ(end, original.size());
    boundaries.push_back(end);
  }
  ASSERT_EQ(boundaries.size(), acked.size() + 1);

  auto check = [&](uint64_t cut, size_t complete_writes, uint64_t expect_dropped) {
    SCOPED_TRACE("cut at " + std::to_string(cut));
    const std::filesystem::path copy = dir.path() / "cut";
    std::filesystem::remove_all(copy);
    std::filesystem::copy(crashed, copy, std::filesystem::copy_options::recursive);
    std::filesystem::resize_file(copy / "b" / segment.filename(), cut);
    auto reopened = OpenEngine(copy);
    ASSERT_NE(reopened, nullptr);
    const RecoveryReport& report = reopened->recovery_report();
    if (expect_dropped == 0) {
      EXPECT_TRUE(report.damage.empty());
    } else {
      ASSERT_EQ(report.damage.size(), 1u);
      EXPECT_EQ(report.damage[0].dropped_bytes, expect_dropped);
      EXPECT_EQ(report.damage[0].offset, cut - expect_dropped);
    }
    auto rc = Find(*reopened, {"b"});
    // The state is exactly that after the first `complete_writes` acknowledged writes.
    std::map<std::string, Acked> expected;
    for (size_t i = 0; i < complete_writes; ++i) expected[acked[i].key] = acked[i];
    EXPECT_EQ(rc->ItemCount(), expected.size());
    for (const auto& [key, want] : expected) {
      auto got = rc->Get(key);
      ASSERT_TRUE(got.ok()) << key;
      EXPECT_EQ(Body(got), want.body);
      EXPECT_EQ(got->cas, want.cas);
    }
    // The engine keeps working on the repaired log.
    ASSERT_TRUE(rc->Upsert("after", Json("1"), durable).ok());
  };

  // Nothing lost when the crash left everything (all writes were acknowledged durable).
  check(original.size(), acked.size(), 0);
  // Cut exactly at every record boundary: a clean, shorter log.
  for (size_t b = 0; b < acked.size(); ++b) check(boundaries[b], b, 0);
  // Cut inside the last record: that write is dropped and reported, nothing else.
  std::mt19937 random(42);
  const uint64_t last = boundaries[acked.size() - 1];
  for (int i = 0; i < 10; ++i) {
    const uint64_t cut = last + 1 + random() % (original.size() - last - 1);
    check(cut, acked.size() - 1, cut - last);
  }
}

TEST(CrashRecovery, CorruptRecordStopsReplayAndIsReported) {
  TempDir dir;
  {
    auto engine = OpenEngine(dir.path());
    ASSERT_TRUE(engine->CreateBucket("b").ok());
    auto c = Find(*engine, {"b"});
    ASSERT_TRUE(c->Upsert("a", Json("1"), {}).ok());
    ASSERT_TRUE(c->Upsert("b", Json("2"), {}).ok());
  }
  const std::filesystem::path segment = LastSegment(dir.path() / "b");
  const uint64_t size = std::filesystem::file_size(segment);
  {
    std::fstream f(segment, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size - 2));
    f.put('?');
  }
  auto engine = OpenEngine(dir.path());
  ASSERT_EQ(engine->recovery_report().damage.size(), 1u);
  EXPECT_EQ(engine->recovery_report().damage[0].reason, "checksum mismatch");
  auto c = Find(*engine, {"b"});
  EXPECT_TRUE(c->Get("a").ok());
  EXPECT_EQ(c->Get("b").status().code(), KvStatus::kKeyEnoent);
  EXPECT_NE(engine->recovery_report().Summary().find("checksum mismatch"), std::string::npos);
}

}  // namespace
}  // namespace casql::kv
