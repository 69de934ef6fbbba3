#include "value/collation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "value/json.h"

namespace casql {
namespace {

Value J(const char* text) {
  return ParseJson(text).value();
}

// One representative per type, in collation order.
std::vector<Value> Ladder() {
  return {Value(),    Value::Null(), Value(false), Value(true),    Value(int64_t{-3}),
          Value(2.5), Value("abc"),  J("[1,2]"),   J(R"({"a":1})")};
}

TEST(Collation, EveryTypePairFollowsTheN1qlOrder) {
  const auto ladder = Ladder();
  for (size_t i = 0; i < ladder.size(); ++i) {
    for (size_t j = 0; j < ladder.size(); ++j) {
      const int c = Collate(ladder[i], ladder[j]);
      const int expected = i < j ? -1 : (i > j ? 1 : 0);
      EXPECT_EQ((c > 0) - (c < 0), expected) << i << " vs " << j;
    }
  }
}

TEST(Collation, NumbersCompareByValueAcrossIntAndDouble) {
  EXPECT_EQ(Collate(Value(int64_t{1}), Value(1.0)), 0);
  EXPECT_LT(Collate(Value(int64_t{1}), Value(1.5)), 0);
  EXPECT_GT(Collate(Value(2.5), Value(int64_t{2})), 0);
  // 2^53 + 1 is not representable as a double: comparing through double would call them equal.
  EXPECT_GT(Collate(Value(int64_t{9007199254740993}), Value(9007199254740992.0)), 0);
  EXPECT_LT(Collate(Value(int64_t{-5}), Value(-4.5)), 0);
  EXPECT_LT(Collate(Value(int64_t{INT64_MAX}), Value(1e19)), 0);
}

TEST(Collation, StringsCompareByBytes) {
  EXPECT_LT(Collate(Value("B"), Value("a")), 0);
  EXPECT_LT(Collate(Value("ab"), Value("abc")), 0);
  EXPECT_EQ(Collate(Value(""), Value("")), 0);
}

TEST(Collation, ArraysCompareElementWiseThenByLength) {
  EXPECT_LT(Collate(J("[1,2]"), J("[1,3]")), 0);
  EXPECT_LT(Collate(J("[1,2]"), J("[1,2,0]")), 0);
  EXPECT_GT(Collate(J("[2]"), J("[1,9,9]")), 0);
  EXPECT_LT(Collate(J("[null]"), J("[false]")), 0);
}

TEST(Collation, ObjectsCompareBySizeThenNamesThenValues) {
  EXPECT_LT(Collate(J(R"({"z":9})"), J(R"({"a":1,"b":1})")), 0);
  EXPECT_GT(Collate(J(R"({"a":1,"c":1})"), J(R"({"b":1,"a":1})")), 0);
  EXPECT_LT(Collate(J(R"({"a":1,"b":1})"), J(R"({"a":1,"c":0})")), 0);
  EXPECT_LT(Collate(J(R"({"a":1})"), J(R"({"a":2})")), 0);
  EXPECT_EQ(Collate(J(R"({"a":1,"b":2})"), J(R"({"b":2,"a":1})")), 0);
}

TEST(ThreeValued, MissingDominatesNullWhichDominatesValues) {
  const Value missing = Value::Missing(), null = Value::Null(), one(int64_t{1});
  for (auto op : {&Equals, &LessThan, &LessOrEqual}) {
    EXPECT_TRUE(op(missing, one).IsMissing());
    EXPECT_TRUE(op(one, missing).IsMissing());
    EXPECT_TRUE(op(missing, null).IsMissing());
    EXPECT_TRUE(op(null, missing).IsMissing());
    EXPECT_TRUE(op(null, one).IsNull());
    EXPECT_TRUE(op(one, null).IsNull());
    EXPECT_TRUE(op(null, null).IsNull());
  }
}

TEST(ThreeValued, EqualsIsFalseAcrossTypesAndTrueForEqualNumbers) {
  EXPECT_EQ(Equals(Value("1"), Value(int64_t{1})), Value(false));
  EXPECT_EQ(Equals(Value(int64_t{1}), Value(1.0)), Value(true));
  EXPECT_EQ(Equals(J("[1,{\"a\":2}]"), J("[1.0,{\"a\":2}]")), Value(true));
  EXPECT_EQ(Equals(Value(true), Value(false)), Value(false));
}

TEST(ThreeValued, OrderingAcrossTypesUsesCollation) {
  EXPECT_EQ(LessThan(Value(int64_t{5}), Value("a")), Value(true));
  EXPECT_EQ(LessThan(Value("a"), Value(int64_t{5})), Value(false));
  EXPECT_EQ(LessOrEqual(Value(int64_t{5}), Value(5.0)), Value(true));
  EXPECT_EQ(LessThan(Value(int64_t{5}), Value(5.0)), Value(false));
}

}  // namespace
}  // namespace casql
