// Row comparison and the JSON diff of `casql regress`.
#include <gtest/gtest.h>

#include "cli/regress_compare.h"
#include "value/json.h"

namespace casql::regress {
namespace {

Value J(const char* text) {
  return ParseJson(text).value();
}

TEST(Compare, ObjectsAreUnorderedNumbersByValue) {
  EXPECT_TRUE(
      SameJson(J(R"({"a":1,"b":[1,2]})"), J(R"({"b":[1,2.0],"a":1.0})"), NumberMode::kExact));
  EXPECT_FALSE(SameJson(J("[1,2]"), J("[2,1]"), NumberMode::kExact));
  EXPECT_FALSE(SameJson(J(R"({"a":1})"), J(R"({"a":1,"b":null})"), NumberMode::kExact));
  EXPECT_FALSE(SameJson(J("1"), J(R"("1")"), NumberMode::kExact));
  // Go's harness compares float64s: 2^53 + 1 equals 2^53 there, not here.
  EXPECT_FALSE(SameJson(J("9007199254740993"), J("9007199254740992"), NumberMode::kExact));
  EXPECT_TRUE(SameJson(J("9007199254740993"), J("9007199254740992"), NumberMode::kAsDouble));
}

TEST(Compare, SubsetPinsOnlyNamedFields) {
  const Value error = J(R"({"code":12009,"msg":"m","reason":{"code":12033,"key":"k"}})");
  EXPECT_TRUE(
      JsonSubset(J(R"({"code":12009,"reason":{"code":12033}})"), error, NumberMode::kExact));
  EXPECT_FALSE(JsonSubset(J(R"({"reason":{"code":17012}})"), error, NumberMode::kExact));
  EXPECT_FALSE(JsonSubset(J(R"({"retry":false})"), error, NumberMode::kExact));
}

TEST(Compare, OrderedDiffNamesRowAndPath) {
  auto diff = DiffRows(J(R"([{"a":1},{"a":{"b":2}}])").AsArray(),
                       J(R"([{"a":1},{"a":{"b":3}},{"a":4}])").AsArray(), true, NumberMode::kExact);
  ASSERT_EQ(diff.size(), 3u);
  EXPECT_EQ(diff[0], "expected 2 rows, actual 3");
  EXPECT_EQ(diff[1], "row 2.a.b: expected 2, actual 3");
  EXPECT_EQ(diff[2], R"(unexpected row 3: {"a":4})");
}

TEST(Compare, RowsortIgnoresOrderButCountsDuplicates) {
  EXPECT_TRUE(
      DiffRows(J("[1,2,2]").AsArray(), J("[2,1,2]").AsArray(), false, NumberMode::kExact).empty());
  auto diff = DiffRows(J("[1,2,2]").AsArray(), J("[2,1,1]").AsArray(), false, NumberMode::kExact);
  ASSERT_EQ(diff.size(), 2u);
  EXPECT_EQ(diff[0], "missing row: 2");
  EXPECT_EQ(diff[1], "unexpected row: 1");
}

TEST(Compare, DiffIsCapped) {
  Array expected, actual;
  for (int i = 0; i < 50; ++i) {
    expected.push_back(Value(int64_t{i}));
    actual.push_back(Value(int64_t{i + 100}));
  }
  auto diff = DiffRows(expected, actual, true, NumberMode::kExact, 5);
  ASSERT_EQ(diff.size(), 6u);
  EXPECT_EQ(diff.back(), "... and 45 more differences");
}

}  // namespace
}  // namespace casql::regress
