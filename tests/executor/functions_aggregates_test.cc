#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "executor/expr/aggregates.h"
#include "value/json.h"

namespace casql::exec {
namespace {

Value Json(const std::string& text) {
  auto parsed = ParseJson(text);
  EXPECT_TRUE(parsed.ok()) << text;
  return parsed.ok() ? parsed.value() : Value();
}

// Feeds every element of `inputs` (a JSON array; the string "MISSING" stands for MISSING).
Value Aggregate(const std::string& name, bool distinct, const std::string& inputs) {
  auto agg = MakeAggregator(name, distinct);
  EXPECT_TRUE(agg.ok()) << name;
  if (!agg.ok()) return Value();
  const Value values = Json(inputs);
  for (const Value& v : values.AsArray()) {
    agg.value()->Add(v.IsString() && v.AsString() == "MISSING" ? Value() : v);
  }
  return agg.value()->Result();
}

struct AggCase {
  const char* name;
  bool distinct;
  const char* inputs;
  const char* expected;
};

class AggregateTable : public ::testing::TestWithParam<AggCase> {};

TEST_P(AggregateTable, Computes) {
  const AggCase& c = GetParam();
  EXPECT_EQ(ToJson(Aggregate(c.name, c.distinct, c.inputs)), ToJson(Json(c.expected)))
      << c.name << (c.distinct ? " DISTINCT " : " ") << c.inputs;
}

INSTANTIATE_TEST_SUITE_P(
    Aggregates, AggregateTable,
    ::testing::Values(
        AggCase{"count", false, R"([1, "a", null, "MISSING", [], {}])", "4"},
        AggCase{"count", false, "[]", "0"},
        AggCase{"count", true, R"([1, 1.0, "a", "a", null])", "2"},
        AggCase{"countn", false, R"([1, "2", 3.5, null, true])", "2"},
        AggCase{"countn", true, R"([1, 1, 2])", "2"}, AggCase{"countn", false, "[]", "0"},
        AggCase{"sum", false, R"([1, 2, "3", null, 4])", "7"},
        AggCase{"sum", false, R"([1, 2.5])", "3.5"},
        AggCase{"sum", false, R"(["a", null])", "null"},
        AggCase{"sum", false, "[9223372036854775807, 1]", "9223372036854775808.0"},
        AggCase{"sum", true, "[2, 2, 3]", "5"}, AggCase{"avg", false, "[1, 2, 3, 4]", "2.5"},
        AggCase{"avg", false, R"([null, "x"])", "null"}, AggCase{"avg", true, "[1, 1, 4]", "2.5"},
        AggCase{"mean", false, "[2, 4]", "3"},
        AggCase{"min", false, R"([3, "a", null, 1, [0]])", "1"},
        AggCase{"min", false, R"([null, "MISSING"])", "null"},
        AggCase{"min", false, R"([true, 5])", "true"},
        AggCase{"max", false, R"([3, "a", null, 1, [0]])", "[0]"},
        AggCase{"max", true, R"([{"a":1}, {"a":1}])", R"({"a":1})"},
        AggCase{"array_agg", false, R"([3, null, "MISSING", 1, 3])", "[null, 1, 3, 3]"},
        AggCase{"array_agg", true, R"([3, null, 1, 3])", "[null, 1, 3]"},
        AggCase{"array_agg", false, "[]", "null"}, AggCase{"median", false, "[5, 1, 3]", "3"},
        AggCase{"median", false, R"([4, 1, 3, 2, "x"])", "2.5"},
        AggCase{"median", true, "[1, 1, 1, 5]", "3"}, AggCase{"median", false, "[null]", "null"},
        AggCase{"variance", false, "[1, 2, 3, 4]", "1.6666666666666667"},
        AggCase{"variance", false, "[7]", "0"}, AggCase{"variance_samp", false, "[7]", "null"},
        AggCase{"var_samp", false, "[1, 2, 3, 4]", "1.6666666666666667"},
        AggCase{"var_pop", false, "[1, 2, 3, 4]", "1.25"},
        AggCase{"variance_pop", false, "[7]", "0"},
        AggCase{"stddev", false, "[2, 4, 4, 4, 5, 5, 7, 9]", "2.138089935299395"},
        AggCase{"stddev", false, "[7]", "0"},
        AggCase{"stddev_pop", false, "[2, 4, 4, 4, 5, 5, 7, 9]", "2"},
        AggCase{"stddev_samp", false, "[3]", "null"}, AggCase{"stddev_pop", true, "[2, 2, 4]", "1"},
        AggCase{"stddev", false, R"(["a", null])", "null"}));

TEST(Aggregates, MergeEqualsSingleStream) {
  for (const char* name : {"count", "sum", "avg", "min", "max", "array_agg", "median", "stddev",
                           "var_pop", "countn"}) {
    for (bool distinct : {false, true}) {
      auto whole = MakeAggregator(name, distinct);
      auto left = MakeAggregator(name, distinct);
      ASSERT_TRUE(whole.ok() && left.ok());
      auto right = left.value()->NewEmpty();
      const std::vector<Value> inputs = {Value(3), Value(1.5), Value(),    Value::Null(),
                                         Value(3), Value(-2),  Value("s"), Value(10)};
      for (size_t i = 0; i < inputs.size(); ++i) {
        whole.value()->Add(inputs[i]);
        (i % 2 ? left.value() : right)->Add(inputs[i]);
      }
      left.value()->Merge(*right);
      const Value expected = whole.value()->Result();
      const Value merged = left.value()->Result();
      if (expected.IsNumber() && merged.IsNumber()) {
        EXPECT_NEAR(merged.AsDouble(), expected.AsDouble(), 1e-12) << name << distinct;
      } else {
        EXPECT_EQ(ToJson(merged), ToJson(expected)) << name << distinct;
      }
    }
  }
}

TEST(Aggregates, NamesAndErrors) {
  EXPECT_TRUE(IsAggregateFunction("count"));
  EXPECT_TRUE(IsAggregateFunction("variance_samp"));
  EXPECT_FALSE(IsAggregateFunction("lower"));
  auto bad = MakeAggregator("lower", false);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), 3000);
  EXPECT_EQ(bad.status().message(), "Invalid function lower");
}

}  // namespace
}  // namespace casql::exec
