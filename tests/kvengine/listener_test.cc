#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kv_test_util.h"

namespace casql::kv {
namespace {

using testing::Json;
using testing::MemoryEngine;

struct Recorded {
  std::string key;
  uint64_t seqno, cas;
  bool deleted;
  std::string body;
};

TEST(MutationListener, ReceivesEveryCommittedMutation) {
  MemoryEngine m;
  Collection& c = *m.collection;
  std::vector<Recorded> events;
  auto id = c.AddMutationListener([&](const MutationEvent& e) {
    events.push_back({std::string(e.key), e.seqno, e.cas, e.deleted, e.doc ? e.doc->bytes : ""});
  });
  auto a = c.Upsert("a", Json("1"), {});
  auto b = c.Replace("a", Json("2"), {});
  EXPECT_EQ(c.Insert("a", Json("3"), {}).status().code(), KvStatus::kKeyEexists);  // no event
  auto removed = c.Remove("a", {});
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].key, "a");
  EXPECT_EQ(events[0].cas, a->cas);
  EXPECT_EQ(events[0].body, "1");
  EXPECT_EQ(events[1].seqno, b->seqno);
  EXPECT_TRUE(events[2].deleted);
  EXPECT_EQ(events[2].cas, removed->cas);
  c.RemoveMutationListener(id);
  ASSERT_TRUE(c.Upsert("a", Json("4"), {}).ok());
  EXPECT_EQ(events.size(), 3u);
}

TEST(MutationListener, ExpiryIsADeletionWhenAWriteFindsIt) {
  MemoryEngine m;
  Collection& c = *m.collection;
  MutationOptions options;
  options.expiry = 5;
  ASSERT_TRUE(c.Upsert("k", Json("1"), options).ok());
  std::vector<Recorded> events;
  c.AddMutationListener([&](const MutationEvent& e) {
    events.push_back({std::string(e.key), e.seqno, e.cas, e.deleted, ""});
  });
  m.clock->Advance(5);
  EXPECT_FALSE(c.Get("k").ok());
  EXPECT_TRUE(events.empty());  // reads do not mutate
  EXPECT_TRUE(c.Insert("k", Json("2"), {}).ok());
  ASSERT_EQ(events.size(), 2u);
  EXPECT_TRUE(events[0].deleted);
  EXPECT_FALSE(events[1].deleted);
  EXPECT_GT(events[1].seqno, events[0].seqno);
}

TEST(MutationListener, SeqnoOrderedPerVBucketUnderConcurrency) {
  MemoryEngine m;
  Collection& c = *m.collection;
  std::mutex mutex;
  std::map<uint16_t, uint64_t> last_seqno;
  int out_of_order = 0;
  c.AddMutationListener([&](const MutationEvent& e) {
    std::lock_guard<std::mutex> lock(mutex);
    uint64_t& last = last_seqno[e.vbucket];
    if (e.seqno != last + 1) ++out_of_order;
    last = e.seqno;
  });
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        ASSERT_TRUE(c.Upsert("k" + std::to_string((i * 7 + t) % 50), Json("1"), {}).ok());
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(out_of_order, 0);
}

}  // namespace
}  // namespace casql::kv

namespace casql::kv {
namespace {

TEST(MutationListener, MayReadTheCollection) {
  testing::MemoryEngine m;
  Collection& c = *m.collection;
  MutationOptions expiring;
  expiring.expiry = 5;
  ASSERT_TRUE(c.Upsert("old", testing::Json("0"), expiring).ok());
  m.clock->Advance(5);
  std::vector<std::string> seen;
  c.AddMutationListener([&](const MutationEvent& e) {
    auto read = c.Get(e.key);  // the key's own stripe is released before listeners run
    seen.push_back(read.ok() ? read->doc->bytes : "-");
    EXPECT_FALSE(c.Get("old").ok());  // an expired read does not commit, so cannot deadlock
  });
  ASSERT_TRUE(c.Upsert("k", testing::Json("1"), {}).ok());
  EXPECT_EQ(seen, std::vector<std::string>{"1"});
}

}  // namespace
}  // namespace casql::kv
