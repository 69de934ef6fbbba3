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

}  // namespace
}  // namespace casql::kv
