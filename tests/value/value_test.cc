#include "value/value.h"

#include <gtest/gtest.h>

#include "value/json.h"

namespace casql {
namespace {

TEST(Value, MissingIsDistinctFromNull) {
  Value missing, null = Value::Null();
  EXPECT_TRUE(missing.IsMissing());
  EXPECT_FALSE(missing.IsNull());
  EXPECT_TRUE(null.IsNull());
  EXPECT_EQ(missing.type(), ValueType::kMissing);
  EXPECT_EQ(null.type(), ValueType::kNull);
  EXPECT_NE(missing, null);
  EXPECT_EQ(missing, Value::Missing());
}

TEST(Value, PathStepsOnNonContainersAreMissing) {
  Value doc = ParseJson(R"({"a":{"b":[10,20,30]}})").value();
  EXPECT_EQ(doc.Field("a").Field("b").Element(1).AsInt(), 20);
  EXPECT_EQ(doc.Field("a").Field("b").Element(-1).AsInt(), 30);
  EXPECT_TRUE(doc.Field("a").Field("b").Element(3).IsMissing());
  EXPECT_TRUE(doc.Field("nope").Field("b").IsMissing());
  EXPECT_TRUE(Value(int64_t{3}).Field("x").IsMissing());
  EXPECT_TRUE(Value::Null().Element(0).IsMissing());
}

TEST(Value, CopiesShareUntilWritten) {
  Value original = ParseJson(R"({"a":1,"nested":{"x":1}})").value();
  Value clone = original;
  clone.MutableObject().Set("a", Value(int64_t{2}));
  EXPECT_EQ(original.Field("a").AsInt(), 1);
  EXPECT_EQ(clone.Field("a").AsInt(), 2);
  // The untouched nested object is still shared, not copied.
  EXPECT_EQ(&original.Field("nested").AsObject(), &clone.Field("nested").AsObject());
}

TEST(Value, LargeObjectsFindFieldsThroughTheIndex) {
  Object o;
  for (int i = 0; i < 100; ++i) o.Set("f" + std::to_string(i), Value(int64_t{i}));
  EXPECT_EQ(o.Find("f73")->AsInt(), 73);
  o.Set("f73", Value("x"));
  EXPECT_EQ(o.Find("f73")->AsString(), "x");
  EXPECT_TRUE(o.Remove("f10"));
  EXPECT_EQ(o.Find("f10"), nullptr);
  EXPECT_EQ(o.Find("f99")->AsInt(), 99);
  o.Set("new", Value(true));
  EXPECT_TRUE(o.Find("new")->AsBool());
  EXPECT_EQ(o.size(), 100u);
}

TEST(Value, OnlyTrueIsTrue) {
  EXPECT_TRUE(Value(true).IsTrue());
  EXPECT_FALSE(Value(false).IsTrue());
  EXPECT_FALSE(Value(int64_t{1}).IsTrue());
  EXPECT_FALSE(Value("true").IsTrue());
  EXPECT_FALSE(Value().IsTrue());
  EXPECT_FALSE(Value::Null().IsTrue());
}

}  // namespace
}  // namespace casql
