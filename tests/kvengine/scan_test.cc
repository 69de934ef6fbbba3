#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "kv_test_util.h"

namespace casql::kv {
namespace {

using testing::Json;
using testing::MemoryEngine;

std::vector<std::string> ScanKeys(Collection& c, std::string_view start, std::string_view end,
                                  size_t limit = SIZE_MAX) {
  std::vector<std::string> keys;
  Status status = c.Scan(start, end, [&](std::string_view key, const GetResult& item) {
    EXPECT_NE(item.cas, 0u);
    EXPECT_NE(item.doc, nullptr);
    keys.emplace_back(key);
    return keys.size() < limit;
  });
  EXPECT_TRUE(status.ok());
  return keys;
}

TEST(Scan, ReturnsLiveKeysInOrder) {
  MemoryEngine m;
  std::vector<std::string> expected;
  for (int i = 0; i < 2000; ++i) {
    std::string key = "k" + std::to_string(i);
    ASSERT_TRUE(m.collection->Upsert(key, Json(std::to_string(i)), {}).ok());
    if (i % 7 == 0) {
      ASSERT_TRUE(m.collection->Remove(key, {}).ok());
    } else {
      expected.push_back(key);
    }
  }
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(ScanKeys(*m.collection, "", ""), expected);
  EXPECT_EQ(m.collection->ItemCount(), expected.size());
}

TEST(Scan, RangeAndEarlyStop) {
  MemoryEngine m;
  for (const char* key : {"a", "b", "ba", "bz", "c", "d"}) {
    ASSERT_TRUE(m.collection->Upsert(key, Json("1"), {}).ok());
  }
  EXPECT_EQ(ScanKeys(*m.collection, "b", "c"), (std::vector<std::string>{"b", "ba", "bz"}));
  EXPECT_EQ(ScanKeys(*m.collection, "bb", ""), (std::vector<std::string>{"bz", "c", "d"}));
  EXPECT_EQ(ScanKeys(*m.collection, "", "", 2), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(ScanKeys(*m.collection, "e", "").empty());
  EXPECT_TRUE(ScanKeys(*m.collection, "b", "b").empty());
}

TEST(Scan, EmptyCollection) {
  MemoryEngine m;
  EXPECT_TRUE(ScanKeys(*m.collection, "", "").empty());
}

TEST(Scan, ItemsCarryTheirCommittedCas) {
  MemoryEngine m;
  auto written = m.collection->Upsert("k", Json("1"), {});
  ASSERT_TRUE(written.ok());
  uint64_t seen = 0;
  ASSERT_TRUE(m.collection
                  ->Scan("", "",
                         [&](std::string_view, const GetResult& item) {
                           seen = item.cas;
                           return true;
                         })
                  .ok());
  EXPECT_EQ(seen, written->cas);
}

// A cursor reads each document as it reaches its key: a change made while the scan is under
// way is seen for keys not yet reached, and a removed key that was not reached is skipped.
TEST(Scan, CursorReadsEachDocumentWhenItReachesIt) {
  MemoryEngine m;
  for (int i = 0; i < 600; ++i) {
    ASSERT_TRUE(m.collection->Upsert("k" + std::to_string(1000 + i), Json("1"), {}).ok());
  }
  Collection::Cursor cursor = m.collection->OpenScan("", "");
  std::string key;
  GetResult item;
  ASSERT_TRUE(cursor.Next(&key, &item));
  EXPECT_EQ(key, "k1000");
  auto rewritten = m.collection->Upsert("k1300", Json("2"), {});
  ASSERT_TRUE(rewritten.ok());
  ASSERT_TRUE(m.collection->Remove("k1301", {}).ok());
  std::vector<std::string> keys{key};
  while (cursor.Next(&key, &item)) {
    keys.push_back(key);
    if (key == "k1300") {
      EXPECT_EQ(item.cas, rewritten->cas);
      EXPECT_EQ(item.doc->bytes, "2");
    }
  }
  EXPECT_EQ(keys.size(), 599u);
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  EXPECT_EQ(std::find(keys.begin(), keys.end(), "k1301"), keys.end());
  EXPECT_FALSE(cursor.Next(&key, &item));
}

TEST(Scan, CursorHonoursItsRange) {
  MemoryEngine m;
  for (const char* key : {"a", "b", "ba", "bz", "c"}) {
    ASSERT_TRUE(m.collection->Upsert(key, Json("1"), {}).ok());
  }
  Collection::Cursor cursor = m.collection->OpenScan("ba", "c");
  std::vector<std::string> keys;
  std::string key;
  GetResult item;
  while (cursor.Next(&key, &item)) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"ba", "bz"}));
}

// Cursors over the ranges SplitKeys cuts see every key once, in order, and the ranges hold
// about equal shares of the documents.
TEST(Scan, SplitKeysCutTheKeySpaceIntoEvenRanges) {
  MemoryEngine m;
  constexpr int kDocs = 40000;
  for (int i = 0; i < kDocs; ++i) {
    ASSERT_TRUE(m.collection->Upsert("doc::" + std::to_string(i), Json("1"), {}).ok());
  }
  const std::vector<std::string> splits = m.collection->SplitKeys(4);
  ASSERT_EQ(splits.size(), 3u);
  ASSERT_TRUE(std::is_sorted(splits.begin(), splits.end()));
  std::vector<std::string> bounds = {""};
  bounds.insert(bounds.end(), splits.begin(), splits.end());
  bounds.push_back("");
  std::vector<std::string> all;
  for (size_t part = 0; part + 1 < bounds.size(); ++part) {
    Collection::Cursor cursor = m.collection->OpenScan(bounds[part], bounds[part + 1]);
    std::string key;
    GetResult item;
    size_t count = 0;
    while (cursor.Next(&key, &item)) {
      all.push_back(key);
      ++count;
    }
    // A quarter is 10,000; the sample of about 8,000 keys puts each cut within a few percent.
    EXPECT_GT(count, kDocs / 4 * 8 / 10) << "range " << part;
    EXPECT_LT(count, kDocs / 4 * 12 / 10) << "range " << part;
  }
  EXPECT_EQ(all.size(), static_cast<size_t>(kDocs));
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
  EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end());
}

TEST(Scan, SplitKeysOfTinyAndEmptyCollections) {
  MemoryEngine m;
  EXPECT_TRUE(m.collection->SplitKeys(4).empty());
  ASSERT_TRUE(m.collection->Upsert("only", Json("1"), {}).ok());
  // One key (if its vBucket is sampled at all) cannot cut anything into more than one range
  // with documents on both sides: every cut is that key or none.
  for (const std::string& split : m.collection->SplitKeys(4)) EXPECT_EQ(split, "only");
  EXPECT_LE(m.collection->SplitKeys(4).size(), 1u);
  EXPECT_TRUE(m.collection->SplitKeys(1).empty());
}

}  // namespace
}  // namespace casql::kv
