// A primary scan feeding GROUP BY over a large keyspace is split between threads (executor.cc
// BuildSplitScan, ops/gather.cc): its answers, and the order of its groups, must be those of
// one scan. The request's max_parallelism of 1 keeps the scan whole, for comparison.
#include <map>
#include <string>

#include "tests/executor/select_fixture.h"

namespace casql {
namespace {

constexpr int kDocs = 40000;  // about ten parts' worth (executor.cc: 4,096 documents a part)

class SelectSplitScan : public SelectTest {
 protected:
  void SetUp() override {
    SelectTest::SetUp();
    Rows("CREATE BUCKET big");
    Rows("CREATE PRIMARY INDEX ON big");
    // Keys in an order unrelated to the groups, so every range of keys holds every group.
    Rows(
        "INSERT INTO big (KEY k, VALUE v) SELECT \"d\" || TO_STRING(i) AS k, "
        "{\"n\": i, \"city\": \"c\" || TO_STRING(i % 7), \"age\": i % 90} AS v "
        "FROM ARRAY_RANGE(0, " +
        std::to_string(kDocs) + ") AS i");
  }

  Value RowsWith(const std::string& statement, int max_parallelism,
                 std::chrono::nanoseconds timeout = std::chrono::seconds(600)) {
    http::QueryRequest request;
    request.statement = statement;
    request.max_parallelism = max_parallelism;
    request.timeout = timeout;
    return Send(std::move(request));
  }

  // The results of `statement` split between the cores, checked equal to one scan's.
  Value SplitResultsMatchingOneScan(const std::string& statement) {
    const Value split = RowsWith(statement, 0);
    EXPECT_EQ(split.Field("status"), Value("success")) << ToJson(split);
    EXPECT_EQ(split.Field("results"), RowsWith(statement, 1).Field("results"));
    return split.Field("results");
  }
};

TEST_F(SelectSplitScan, GroupsAndAggregatesAreThoseOfOneScan) {
  // What the data says, computed here.
  struct Group {
    int64_t count = 0, sum = 0, min = INT64_MAX, max = INT64_MIN;
  };
  std::map<std::string, Group> expected;
  for (int i = 0; i < kDocs; ++i) {
    const int age = i % 90;
    if (age <= 30) continue;
    Group& g = expected["c" + std::to_string(i % 7)];
    ++g.count;
    g.sum += age;
    g.min = std::min<int64_t>(g.min, age);
    g.max = std::max<int64_t>(g.max, age);
  }
  const std::string statement =
      "SELECT city, COUNT(*) AS n, SUM(age) AS s, MIN(age) AS lo, MAX(age) AS hi, "
      "AVG(age) AS a FROM big WHERE age > 30 GROUP BY city";
  const Value split = RowsWith(statement, 0);
  ASSERT_EQ(split.Field("status"), Value("success")) << ToJson(split);
  const Value& rows = split.Field("results");
  ASSERT_EQ(rows.AsArray().size(), expected.size());
  for (const Value& row : rows.AsArray()) {
    const Group& g = expected.at(row.Field("city").AsString());
    EXPECT_EQ(row.Field("n"), Value(g.count)) << ToJson(row);
    EXPECT_EQ(row.Field("s"), Value(g.sum)) << ToJson(row);
    EXPECT_EQ(row.Field("lo"), Value(g.min)) << ToJson(row);
    EXPECT_EQ(row.Field("hi"), Value(g.max)) << ToJson(row);
    EXPECT_DOUBLE_EQ(row.Field("a").AsDouble(), static_cast<double>(g.sum) / g.count);
  }
  // Without ORDER BY the groups come in the order one scan first meets them.
  EXPECT_EQ(rows, RowsWith(statement, 1).Field("results"));
}

TEST_F(SelectSplitScan, OrderSensitiveAggregatesMatchOneScan) {
  // ARRAY_AGG keeps the order rows arrive in: ranges are handed on in key order, so the arrays
  // are those of one scan, element for element.
  const std::string statement =
      "SELECT city, ARRAY_AGG(n) AS ns, COUNT(DISTINCT age) AS ages FROM big "
      "WHERE n % 100 = 0 GROUP BY city";
  EXPECT_EQ(SplitResultsMatchingOneScan(statement).AsArray().size(), 7u);
}

TEST_F(SelectSplitScan, LetUnnestAndHavingInTheSplitSection) {
  const std::string statement =
      "SELECT t, COUNT(*) AS n FROM big UNNEST [big.age % 3] AS t LET half = big.n / 2 "
      "WHERE half >= 100 GROUP BY t HAVING COUNT(*) > 10";
  const Value rows = SplitResultsMatchingOneScan(statement);
  int64_t total = 0;
  for (const Value& row : rows.AsArray()) {
    total += row.Field("n").AsInt();
  }
  EXPECT_EQ(total, kDocs - 200);  // n / 2 >= 100 drops n < 200
}

TEST_F(SelectSplitScan, TimeoutStopsEveryPart) {
  // 1 µs runs out before the scan starts; every part polls the statement's deadline.
  const Value r =
      RowsWith("SELECT city, COUNT(*) FROM big GROUP BY city", 0, std::chrono::microseconds(1));
  EXPECT_EQ(r.Field("status"), Value("timeout")) << ToJson(r);
  EXPECT_EQ(r.Field("errors").Element(0).Field("code"), Value(int64_t{1080})) << ToJson(r);
}

}  // namespace
}  // namespace casql
