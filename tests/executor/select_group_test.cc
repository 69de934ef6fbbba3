// GROUP BY, aggregates, LETTING, HAVING and the 4210 check.
#include "tests/executor/select_fixture.h"

namespace casql {
namespace {

class SelectGroup : public SelectTest {
 protected:
  void SetUp() override {
    SelectTest::SetUp();
    Rows("CREATE BUCKET s");
    Rows("CREATE PRIMARY INDEX ON s");
    Insert("s", "1", R"({"k": "a", "v": 1})");
    Insert("s", "2", R"({"k": "a", "v": 2.5})");
    Insert("s", "3", R"({"k": "b", "v": 4})");
    Insert("s", "4", R"({"k": "b", "v": null})");
    Insert("s", "5", R"({"k": "c"})");
  }
};

TEST_F(SelectGroup, EveryAggregatePerGroup) {
  EXPECT_EQ(Rows("SELECT k, COUNT(*) AS n, COUNT(v) AS nv, SUM(v) AS s, AVG(v) AS a, "
                 "MIN(v) AS lo, MAX(v) AS hi, ARRAY_AGG(v) AS all_v FROM s GROUP BY k "
                 "ORDER BY k"),
            J(R"([
      {"k": "a", "n": 2, "nv": 2, "s": 3.5, "a": 1.75, "lo": 1, "hi": 2.5, "all_v": [1, 2.5]},
      {"k": "b", "n": 2, "nv": 1, "s": 4, "a": 4, "lo": 4, "hi": 4, "all_v": [null, 4]},
      {"k": "c", "n": 1, "nv": 0, "s": null, "a": null, "lo": null, "hi": null, "all_v": null}
    ])"));
}

// Group keys compare as N1QL values: MISSING apart from NULL, 1 with 1.0, objects whatever
// their field order, and two keys never run together ("a","bc" is not "ab","c").
TEST_F(SelectGroup, GroupKeysCompareAsValues) {
  Rows("CREATE BUCKET g");
  Rows("CREATE PRIMARY INDEX ON g");
  Insert("g", "1", R"({"x": 1, "y": "a", "z": "bc"})");
  Insert("g", "2", R"({"x": 1.0, "y": "ab", "z": "c"})");
  Insert("g", "3", R"({"x": null, "y": "a", "z": "bc"})");
  Insert("g", "4", R"({"y": "a", "z": "bc"})");
  Insert("g", "5", R"({"x": {"p": 1, "q": 2}, "y": "a", "z": "bc"})");
  Insert("g", "6", R"({"x": {"q": 2, "p": 1}, "y": "a", "z": "bc"})");
  EXPECT_EQ(Rows("SELECT x, COUNT(*) AS n FROM g GROUP BY x ORDER BY x"),
            J(R"([{"n": 1}, {"x": null, "n": 1}, {"x": 1, "n": 2},
                  {"x": {"p": 1, "q": 2}, "n": 2}])"));
  EXPECT_EQ(Rows("SELECT y, z, COUNT(*) AS n FROM g GROUP BY y, z ORDER BY y"),
            J(R"([{"y": "a", "z": "bc", "n": 5}, {"y": "ab", "z": "c", "n": 1}])"));
}

TEST_F(SelectGroup, DistinctAggregates) {
  Insert("s", "6", R"({"k": "a", "v": 1})");
  EXPECT_EQ(Rows("SELECT COUNT(DISTINCT v) AS n, SUM(DISTINCT v) AS t FROM s WHERE k = 'a'"),
            J(R"([{"n": 2, "t": 3.5}])"));
}

TEST_F(SelectGroup, AggregateWithoutGroupByOverNoRowsIsOneRow) {
  EXPECT_EQ(Rows("SELECT COUNT(*) AS n, SUM(v) AS s FROM s WHERE k = 'none'"),
            J(R"([{"n": 0, "s": null}])"));
  EXPECT_EQ(Rows("SELECT k FROM s WHERE k = 'none' GROUP BY k"), J("[]"));
}

TEST_F(SelectGroup, LettingHavingAndOrderByAggregate) {
  EXPECT_EQ(Rows("SELECT k, n FROM s GROUP BY k LETTING n = COUNT(*) HAVING n > 1 "
                 "ORDER BY COUNT(*) DESC, k"),
            J(R"([{"k": "a", "n": 2}, {"k": "b", "n": 2}])"));
  EXPECT_EQ(Rows("SELECT k, COUNT(*) AS cnt FROM s GROUP BY k ORDER BY cnt, k LIMIT 1"),
            J(R"([{"k": "c", "cnt": 1}])"));
}

TEST_F(SelectGroup, GroupKeyExpressionsMayBeUsedWhole) {
  EXPECT_EQ(Rows("SELECT UPPER(k) AS u, COUNT(*) AS n FROM s GROUP BY UPPER(k) ORDER BY u"),
            J(R"([{"u": "A", "n": 2}, {"u": "B", "n": 2}, {"u": "C", "n": 1}])"));
}

// Values chosen so that the running mean stays exact in key order: the expected numbers are
// the correctly rounded ones (population variance 5, sample variance 20/3).
TEST_F(SelectGroup, MedianVarianceAndStddevPerGroup) {
  Rows("CREATE BUCKET m");
  Rows("CREATE PRIMARY INDEX ON m");
  Insert("m", "x1", R"({"g": "x", "v": 1})");
  Insert("m", "x2", R"({"g": "x", "v": 3})");
  Insert("m", "x3", R"({"g": "x", "v": 5})");
  Insert("m", "x4", R"({"g": "x", "v": 7})");
  Insert("m", "y1", R"({"g": "y", "v": 10})");
  Insert("m", "y2", R"({"g": "y", "v": "not a number"})");
  EXPECT_EQ(Rows("SELECT g, MEDIAN(v) AS med, VARIANCE(v) AS var, VAR_POP(v) AS vp, "
                 "VAR_SAMP(v) AS vs, STDDEV(v) AS sd, STDDEV_POP(v) AS sp, STDDEV_SAMP(v) AS ss "
                 "FROM m GROUP BY g ORDER BY g"),
            J(R"([
      {"g": "x", "med": 4, "var": 6.666666666666667, "vp": 5, "vs": 6.666666666666667,
       "sd": 2.581988897471611, "sp": 2.23606797749979, "ss": 2.581988897471611},
      {"g": "y", "med": 10, "var": 0, "vp": 0, "vs": null, "sd": 0, "sp": 0, "ss": null}
    ])"));
}

TEST_F(SelectGroup, StatisticalAggregatesWithDistinctHavingAndNoInput) {
  Insert("s", "6", R"({"k": "a", "v": 1})");
  Insert("s", "7", R"({"k": "a", "v": 1})");
  EXPECT_EQ(Rows("SELECT k, MEDIAN(v) AS med, MEDIAN(DISTINCT v) AS dmed FROM s "
                 "GROUP BY k HAVING VARIANCE(v) > 0 ORDER BY k"),
            J(R"([{"k": "a", "med": 1, "dmed": 1.75}])"));
  EXPECT_EQ(Rows("SELECT MEDIAN(v) AS med, STDDEV(v) AS sd, VARIANCE_POP(v) AS vp FROM s "
                 "WHERE k = 'none'"),
            J(R"([{"med": null, "sd": null, "vp": null}])"));
}

TEST_F(SelectGroup, NonGroupedReferenceIs4210) {
  EXPECT_EQ(ErrorCodeOf("SELECT v, COUNT(*) FROM s GROUP BY k"), 4210);
  EXPECT_EQ(ErrorMessageOf("SELECT v, COUNT(*) FROM s GROUP BY k"),
            "Expression (`s`.`v`) must depend only on group keys or aggregates.");
  EXPECT_EQ(ErrorCodeOf("SELECT k FROM s GROUP BY k ORDER BY v"), 4210);
}

}  // namespace
}  // namespace casql
