// Locks, touch and expiry semantics beyond the status table.
#include <gtest/gtest.h>

#include "kv_test_util.h"

namespace casql::kv {
namespace {

using testing::Body;
using testing::Json;
using testing::kStartTime;
using testing::MemoryEngine;

TEST(Lock, ReadersSeeLockedCasAndUnlockRestoresCas) {
  MemoryEngine m;
  Collection& c = *m.collection;
  auto written = c.Upsert("k", Json("1"), {});
  auto locked = c.GetAndLock("k", 10);
  ASSERT_TRUE(locked.ok());
  EXPECT_TRUE(locked->locked);
  EXPECT_NE(locked->cas, written->cas);
  EXPECT_NE(locked->cas, kLockedCas);
  EXPECT_EQ(Body(locked), "1");
  auto read = c.Get("k");
  EXPECT_EQ(read->cas, kLockedCas);
  EXPECT_TRUE(read->locked);
  EXPECT_EQ(c.GetAndLock("k", 10).status().code(), KvStatus::kLocked);
  EXPECT_EQ(c.Unlock("k", written->cas).code(), KvStatus::kLocked);
  EXPECT_TRUE(c.Unlock("k", locked->cas).ok());
  EXPECT_EQ(c.Get("k")->cas, written->cas);  // MB-59746: the pre-lock CAS comes back
  EXPECT_EQ(c.Unlock("k", locked->cas).code(), KvStatus::kNotLocked);
}

TEST(Lock, LapsesAfterTimeoutRestoringCas) {
  MemoryEngine m;
  Collection& c = *m.collection;
  auto written = c.Upsert("k", Json("1"), {});
  auto locked = c.GetAndLock("k", 10);
  m.clock->Advance(9);
  EXPECT_EQ(c.Get("k")->cas, kLockedCas);
  m.clock->Advance(1);
  EXPECT_EQ(c.Get("k")->cas, written->cas);
  MutationOptions options;
  options.cas = locked->cas;
  EXPECT_EQ(c.Replace("k", Json("2"), options).status().code(), KvStatus::kKeyEexists);
}

TEST(Lock, DefaultAndMaximumTimeouts) {
  for (uint32_t requested : {0u, 31u, 1000u}) {
    MemoryEngine m;
    ASSERT_TRUE(m.collection->Upsert("k", Json("1"), {}).ok());
    ASSERT_TRUE(m.collection->GetAndLock("k", requested).ok());
    m.clock->Advance(14);
    EXPECT_TRUE(m.collection->Get("k")->locked) << requested;
    m.clock->Advance(1);
    EXPECT_FALSE(m.collection->Get("k")->locked) << requested;
  }
  MemoryEngine m;
  ASSERT_TRUE(m.collection->Upsert("k", Json("1"), {}).ok());
  ASSERT_TRUE(m.collection->GetAndLock("k", 30).ok());
  m.clock->Advance(29);
  EXPECT_TRUE(m.collection->Get("k")->locked);
}

TEST(Lock, WriteWithLockCasUnlocksAndGetsNewCas) {
  MemoryEngine m;
  Collection& c = *m.collection;
  ASSERT_TRUE(c.Upsert("k", Json("1"), {}).ok());
  auto locked = c.GetAndLock("k", 10);
  MutationOptions options;
  options.cas = locked->cas;
  auto written = c.Replace("k", Json("2"), options);
  ASSERT_TRUE(written.ok());
  auto read = c.Get("k");
  EXPECT_FALSE(read->locked);
  EXPECT_EQ(read->cas, written->cas);
  EXPECT_EQ(Body(read), "2");
}

TEST(Touch, NewCasOnlyWhenExpiryChanges) {
  MemoryEngine m;
  Collection& c = *m.collection;
  auto written = c.Upsert("k", Json("1"), {});
  auto same = c.Touch("k", 0);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->cas, written->cas);
  EXPECT_EQ(same->seqno, written->seqno);
  auto changed = c.Touch("k", 100);
  ASSERT_TRUE(changed.ok());
  EXPECT_GT(changed->cas, written->cas);
  EXPECT_GT(changed->seqno, written->seqno);
  auto read = c.Get("k");
  EXPECT_EQ(read->expiry, kStartTime + 100);
  EXPECT_EQ(read->rev_seqno, 2u);
  // The same absolute expiry again is no mutation.
  EXPECT_EQ(c.Touch("k", static_cast<uint32_t>(kStartTime + 100))->cas, changed->cas);
  auto gat = c.GetAndTouch("k", 50);
  ASSERT_TRUE(gat.ok());
  EXPECT_EQ(Body(gat), "1");
  EXPECT_EQ(gat->expiry, kStartTime + 50);
  EXPECT_EQ(gat->cas, c.Get("k")->cas);
  EXPECT_EQ(gat->rev_seqno, 3u);
}

TEST(Expiry, RelativeAbsoluteAndPreserved) {
  MemoryEngine m;
  Collection& c = *m.collection;
  MutationOptions options;
  options.expiry = kMaxRelativeExpiry;  // still relative
  ASSERT_TRUE(c.Upsert("rel", Json("1"), options).ok());
  EXPECT_EQ(c.Get("rel")->expiry, kStartTime + kMaxRelativeExpiry);
  options.expiry = static_cast<uint32_t>(kStartTime + 5);  // absolute
  ASSERT_TRUE(c.Upsert("abs", Json("1"), options).ok());
  EXPECT_EQ(c.Get("abs")->expiry, kStartTime + 5);
  MutationOptions keep;
  keep.preserve_expiry = true;
  ASSERT_TRUE(c.Replace("abs", Json("2"), keep).ok());
  EXPECT_EQ(c.Get("abs")->expiry, kStartTime + 5);
  ASSERT_TRUE(c.Replace("abs", Json("3"), {}).ok());
  EXPECT_EQ(c.Get("abs")->expiry, 0u);
}

TEST(Expiry, ExpiredDocumentsVanishAtOnce) {
  MemoryEngine m;
  Collection& c = *m.collection;
  MutationOptions options;
  options.expiry = 10;
  ASSERT_TRUE(c.Upsert("k", Json("1"), options).ok());
  ASSERT_TRUE(c.Upsert("keep", Json("1"), {}).ok());
  m.clock->Advance(9);
  EXPECT_TRUE(c.Get("k").ok());
  m.clock->Advance(1);
  int scanned = 0;
  ASSERT_TRUE(c.Scan("", "", [&](std::string_view key, const GetResult&) {
                 EXPECT_EQ(key, "keep");
                 return ++scanned > 0;
               }).ok());
  EXPECT_EQ(scanned, 1);
  EXPECT_EQ(c.Get("k").status().code(), KvStatus::kKeyEnoent);
  EXPECT_EQ(c.ItemCount(), 2u);  // counted until a write or the pager notices
  EXPECT_TRUE(c.Insert("k", Json("2"), {}).ok());
  EXPECT_EQ(c.ItemCount(), 2u);
}

TEST(Counters, IncrementDecrementRules) {
  MemoryEngine m;
  Collection& c = *m.collection;
  auto created = c.Increment("n", 5, 100, 0);
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->first, 100u);  // initial returned, delta ignored
  EXPECT_EQ(c.Increment("n", 5, 0, 0)->first, 105u);
  EXPECT_EQ(c.Decrement("n", 200, 0, 0)->first, 0u);  // decrement stops at zero
  EXPECT_TRUE(c.Get("n")->doc->is_json);
  EXPECT_EQ(Body(c.Get("n")), "0");
  ASSERT_TRUE(c.Upsert("max", MakeDocFromBytes("18446744073709551615"), {}).ok());
  EXPECT_EQ(c.Increment("max", 2, 0, 0)->first, 1u);  // wraps at 2^64
  EXPECT_EQ(c.Increment("absent", 1, 0, 0, /*create=*/false).status().code(), KvStatus::kKeyEnoent);
  EXPECT_EQ(c.Increment("absent", 1, 0, 0xffffffff).status().code(), KvStatus::kKeyEnoent);
  ASSERT_TRUE(c.Upsert("text", Json(R"({"a":1})"), {}).ok());
  EXPECT_EQ(c.Increment("text", 1, 0, 0).status().code(), KvStatus::kDeltaBadval);
  ASSERT_TRUE(c.Upsert("neg", Json("-3"), {}).ok());
  EXPECT_EQ(c.Decrement("neg", 1, 0, 0).status().code(), KvStatus::kDeltaBadval);
}

TEST(Concat, AppendPrependKeepFlagsAndExpiry) {
  MemoryEngine m;
  Collection& c = *m.collection;
  MutationOptions options;
  options.flags = 42;
  options.expiry = 100;
  ASSERT_TRUE(c.Upsert("s", MakeDocFromBytes("bc"), options).ok());
  ASSERT_TRUE(c.Append("s", "d", {}).ok());
  ASSERT_TRUE(c.Prepend("s", "a", {}).ok());
  auto read = c.Get("s");
  EXPECT_EQ(Body(read), "abcd");
  EXPECT_EQ(read->flags, 42u);
  EXPECT_EQ(read->expiry, kStartTime + 100);
  EXPECT_EQ(read->rev_seqno, 3u);
  ASSERT_TRUE(c.Upsert("j", Json("[1"), {}).ok());
  ASSERT_TRUE(c.Append("j", ",2]", {}).ok());
  EXPECT_TRUE(c.Get("j")->doc->is_json);
  ASSERT_TRUE(c.Upsert("big", MakeDocFromBytes(std::string(kMaxValueBytes, 'x')), {}).ok());
  EXPECT_EQ(c.Append("big", "y", {}).status().code(), KvStatus::kE2big);
}

}  // namespace
}  // namespace casql::kv
