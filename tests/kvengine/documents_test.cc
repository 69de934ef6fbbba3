#include <gtest/gtest.h>

#include <set>
#include <string>

#include "kv_test_util.h"
#include "kvengine/vbucket.h"
#include "value/json.h"

namespace casql::kv {
namespace {

using testing::Body;
using testing::Json;
using testing::MemoryEngine;

TEST(Documents, InsertGetReplaceRemove) {
  MemoryEngine m;
  Collection& c = *m.collection;
  auto inserted = c.Insert("k", Json(R"({"a":1})"), {});
  ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
  EXPECT_NE(inserted->cas, 0u);
  EXPECT_EQ(inserted->seqno, 1u);
  EXPECT_EQ(inserted->vbucket, VBucketOf("k"));

  auto got = c.Get("k");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->cas, inserted->cas);
  EXPECT_EQ(got->rev_seqno, 1u);
  EXPECT_TRUE(got->doc->is_json);
  EXPECT_EQ(got->doc->json().Field("a"), Value(1));

  EXPECT_EQ(c.Insert("k", Json("2"), {}).status().code(), KvStatus::kKeyEexists);
  MutationOptions replace;
  replace.cas = got->cas;
  auto replaced = c.Replace("k", Json("2"), replace);
  ASSERT_TRUE(replaced.ok());
  EXPECT_GT(replaced->cas, got->cas);
  EXPECT_EQ(replaced->seqno, 2u);
  EXPECT_EQ(c.Get("k")->rev_seqno, 2u);
  EXPECT_EQ(c.Replace("k", Json("3"), replace).status().code(), KvStatus::kKeyEexists);

  auto removed = c.Remove("k", {});
  ASSERT_TRUE(removed.ok());
  EXPECT_GT(removed->cas, replaced->cas);
  EXPECT_EQ(c.Get("k").status().code(), KvStatus::kKeyEnoent);
  EXPECT_EQ(c.ItemCount(), 0u);
  // Re-creating over the tombstone continues its revision history.
  ASSERT_TRUE(c.Insert("k", Json("4"), {}).ok());
  EXPECT_EQ(c.Get("k")->rev_seqno, 4u);
  EXPECT_EQ(c.ItemCount(), 1u);
}

TEST(Documents, BinaryDocumentsAndFlags) {
  MemoryEngine m;
  MutationOptions options;
  options.flags = 0x03000000;
  ASSERT_TRUE(m.collection->Upsert("bin", MakeDocFromBytes("not json {"), options).ok());
  auto got = m.collection->Get("bin");
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(got->doc->is_json);
  EXPECT_EQ(got->doc->bytes, "not json {");
  EXPECT_EQ(got->flags, 0x03000000u);
  auto json = MakeJsonDoc(Value("text"));
  EXPECT_EQ(json->bytes, "\"text\"");
  EXPECT_TRUE(json->is_json);
}

TEST(Documents, JsonDocumentRecordsItsBytesForWritersWithoutChangingTheValueGiven) {
  Value given = ParseJson(R"({"b": 1, "a": [true]})").value();
  DocPtr doc = MakeJsonDoc(given);
  EXPECT_EQ(doc->bytes, R"({"b":1,"a":[true]})");
  auto text = doc->json().AsObject().json_text();
  ASSERT_NE(text, nullptr);
  EXPECT_EQ(*text, doc->bytes);
  EXPECT_EQ(given.AsObject().json_text(), nullptr) << "the caller's node is left alone";
  Value kept = doc->json();
  text.reset();
  doc.reset();
  EXPECT_EQ(kept.AsObject().json_text(), nullptr) << "no text once the document is freed";
  EXPECT_EQ(ToJson(kept), R"({"b":1,"a":[true]})");
}

TEST(Documents, KeyAndValueLimits) {
  MemoryEngine m;
  Collection& c = *m.collection;
  EXPECT_EQ(c.Upsert("", Json("1"), {}).status().code(), KvStatus::kEinval);
  EXPECT_EQ(c.Upsert(std::string(251, 'k'), Json("1"), {}).status().code(), KvStatus::kEinval);
  EXPECT_TRUE(c.Upsert(std::string(250, 'k'), Json("1"), {}).ok());
  EXPECT_EQ(c.Get("").status().code(), KvStatus::kEinval);
  EXPECT_EQ(c.Upsert("k", nullptr, {}).status().code(), KvStatus::kEinval);
  EXPECT_TRUE(c.Upsert("k", MakeDocFromBytes(std::string(kMaxValueBytes, 'x')), {}).ok());
  EXPECT_EQ(
      c.Upsert("k", MakeDocFromBytes(std::string(kMaxValueBytes + 1, 'x')), {}).status().code(),
      KvStatus::kE2big);
}

TEST(Documents, CasIncreasesWithSeqnoWithinAVBucket) {
  MemoryEngine m;
  // Keys of one vBucket share its seqno and HLC.
  std::vector<std::string> keys;
  for (int i = 0; keys.size() < 3; ++i) {
    std::string key = "key" + std::to_string(i);
    if (VBucketOf(key) == VBucketOf("key0")) keys.push_back(key);
  }
  uint64_t last_cas = 0;
  uint64_t last_seqno = 0;
  for (int round = 0; round < 3; ++round) {
    for (const std::string& key : keys) {
      auto result = m.collection->Upsert(key, Json("1"), {});
      ASSERT_TRUE(result.ok());
      EXPECT_GT(result->cas, last_cas);
      EXPECT_EQ(result->seqno, last_seqno + 1);
      last_cas = result->cas;
      last_seqno = result->seqno;
    }
  }
}

TEST(Documents, VBucketsSpreadKeys) {
  std::set<uint16_t> seen;
  for (int i = 0; i < 10000; ++i) {
    uint16_t vb = VBucketOf("doc::" + std::to_string(i));
    EXPECT_LT(vb, kNumVBuckets);
    seen.insert(vb);
  }
  EXPECT_EQ(seen.size(), kNumVBuckets);
}

TEST(Documents, UpsertWithCas) {
  MemoryEngine m;
  Collection& c = *m.collection;
  MutationOptions options;
  options.cas = 12345;
  EXPECT_EQ(c.Upsert("k", Json("1"), options).status().code(), KvStatus::kKeyEnoent);
  auto first = c.Upsert("k", Json("1"), {});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(c.Upsert("k", Json("2"), options).status().code(), KvStatus::kKeyEexists);
  options.cas = first->cas;
  ASSERT_TRUE(c.Upsert("k", Json("2"), options).ok());
  EXPECT_EQ(Body(c.Get("k")), "2");
  EXPECT_EQ(c.Insert("x", Json("1"), options).status().code(), KvStatus::kEinval);
}

}  // namespace
}  // namespace casql::kv
