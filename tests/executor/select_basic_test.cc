// SELECT without joins or grouping: projection naming, MISSING, stars, RAW, ORDER BY,
// LIMIT/OFFSET, DISTINCT, LET, WITH, set operations and FROM subqueries/expressions.
#include "tests/executor/select_fixture.h"

namespace casql {
namespace {

class SelectBasic : public SelectTest {
 protected:
  void SetUp() override {
    SelectTest::SetUp();
    Rows("CREATE BUCKET b");
    Rows("CREATE PRIMARY INDEX ON b");
    Insert("b", "k1", R"({"name": "ann", "age": 30, "tags": ["x", "y"], "city": "oslo"})");
    Insert("b", "k2", R"({"name": "bob", "age": 25, "tags": ["y"], "city": "rome"})");
    Insert("b", "k3", R"({"name": "cy", "age": 35, "city": "oslo"})");
  }
};

TEST_F(SelectBasic, UnnamedTermsAreNumberedAmongUnnamedOnly) {
  EXPECT_EQ(Rows("SELECT name AS n, age + 1, name, UPPER(name) FROM b USE KEYS 'k1'"),
            J(R"([{"n": "ann", "$1": 31, "name": "ann", "$2": "ANN"}])"));
}

TEST_F(SelectBasic, MissingValueDropsTheFieldButKeepsTheRow) {
  EXPECT_EQ(Rows("SELECT tags FROM b WHERE name = 'cy'"), J("[{}]"));
}

TEST_F(SelectBasic, StarWrapsByAliasAndRawUnwraps) {
  EXPECT_EQ(Rows("SELECT * FROM b AS x USE KEYS 'k2'"),
            J(R"([{"x": {"name": "bob", "age": 25, "tags": ["y"], "city": "rome"}}])"));
  EXPECT_EQ(Rows("SELECT RAW name FROM b ORDER BY name DESC"), J(R"(["cy", "bob", "ann"])"));
}

TEST_F(SelectBasic, OrderByProjectionAliasAndLimitOffset) {
  EXPECT_EQ(Rows("SELECT name, age * 2 AS dbl FROM b ORDER BY dbl DESC LIMIT 2 OFFSET 1"),
            J(R"([{"name": "ann", "dbl": 60}, {"name": "bob", "dbl": 50}])"));
}

TEST_F(SelectBasic, LimitIsPushedIntoThePrimaryScan) {
  Value plan = Rows("EXPLAIN SELECT name FROM b LIMIT 2").Element(0).Field("plan");
  const Value& scan = plan.Field("~children").Element(0).Field("~children").Element(0);
  EXPECT_EQ(scan.Field("#operator"), Value("PrimaryScan3")) << ToJson(plan);
  EXPECT_EQ(scan.Field("limit"), Value("2"));
  EXPECT_EQ(Rows("SELECT RAW META().id FROM b LIMIT 2"), J(R"(["k1", "k2"])"));
}

// The primary scan binds each document and its META as it reaches the key (it stands in for
// the Fetch that follows it): the CAS is the stored one, and a binary document stays binary.
TEST_F(SelectBasic, PrimaryScanBindsDocumentsWithTheirMeta) {
  auto collection = store_->Collection(plan::KeyspacePath{"default", "b"}).value();
  auto k2 = collection->Get("k2");
  ASSERT_TRUE(k2.ok());
  ASSERT_TRUE(collection->Upsert("k4", kv::MakeDocFromBytes("not json"), {}).ok());
  EXPECT_EQ(Rows("SELECT META(b).id, META(b).cas, META(b).type FROM b WHERE META(b).id = 'k2'"),
            Value(Array{Value(Object{{"id", Value("k2")},
                                     {"cas", Value(static_cast<int64_t>(k2->cas))},
                                     {"type", Value("json")}})}));
  EXPECT_EQ(Rows("SELECT RAW META().type FROM b WHERE META().id = 'k4'"), J(R"(["base64"])"));
  EXPECT_EQ(Rows("SELECT RAW META().id FROM b WHERE age > 26 ORDER BY age"), J(R"(["k1", "k3"])"));
}

TEST_F(SelectBasic, DistinctComparesWholeResults) {
  EXPECT_EQ(Rows("SELECT DISTINCT city FROM b ORDER BY city"),
            J(R"([{"city": "oslo"}, {"city": "rome"}])"));
}

TEST_F(SelectBasic, LetBindsBeforeWhere) {
  EXPECT_EQ(Rows("SELECT n FROM b LET n = UPPER(name), old = age > 28 WHERE old ORDER BY n"),
            J(R"([{"n": "ANN"}, {"n": "CY"}])"));
}

TEST_F(SelectBasic, WithBindsASubqueryOnceForTheWholeStatement) {
  EXPECT_EQ(Rows("WITH olds AS (SELECT RAW name FROM b WHERE age > 28) "
                 "SELECT name FROM b WHERE name IN olds ORDER BY name"),
            J(R"([{"name": "ann"}, {"name": "cy"}])"));
  EXPECT_EQ(Rows("WITH nums AS ([1, 2, 3]) SELECT RAW n * 10 FROM nums AS n"), J("[10, 20, 30]"));
}

TEST_F(SelectBasic, SetOperations) {
  EXPECT_EQ(Rows("SELECT city FROM b UNION SELECT city FROM b ORDER BY city"),
            J(R"([{"city": "oslo"}, {"city": "rome"}])"));
  EXPECT_EQ(Rows("SELECT city FROM b UNION ALL SELECT city FROM b").AsArray().size(), 6u);
  EXPECT_EQ(Rows("SELECT RAW city FROM b INTERSECT SELECT RAW 'rome'"), J(R"(["rome"])"));
  EXPECT_EQ(Rows("SELECT RAW city FROM b EXCEPT ALL SELECT RAW 'rome' ORDER BY 1"),
            J(R"(["oslo", "oslo"])"));
  EXPECT_EQ(Rows("SELECT RAW city FROM b EXCEPT SELECT RAW 'rome'"), J(R"(["oslo"])"));
}

TEST_F(SelectBasic, FromSubqueryAndFromExpression) {
  EXPECT_EQ(Rows("SELECT t.n FROM (SELECT name AS n, age FROM b WHERE age < 31) AS t "
                 "ORDER BY t.n"),
            J(R"([{"n": "ann"}, {"n": "bob"}])"));
  EXPECT_EQ(Rows("SELECT v FROM [3, 1, 2] AS v ORDER BY v"),
            J(R"([{"v": 1}, {"v": 2}, {"v": 3}])"));
}

TEST_F(SelectBasic, NoFromIsOneRow) {
  EXPECT_EQ(Rows("SELECT 1 + 1 AS two, 'a' || 'b'"), J(R"([{"two": 2, "$1": "ab"}])"));
}

TEST_F(SelectBasic, ParametersAreBoundAtExecution) {
  EXPECT_EQ(Rows("SELECT RAW name FROM b WHERE age > $min ORDER BY name", J(R"({"min": 28})")),
            J(R"(["ann", "cy"])"));
  EXPECT_EQ(Rows("SELECT RAW name FROM b WHERE age > $1 ORDER BY name", J("[30]")), J(R"(["cy"])"));
}

TEST_F(SelectBasic, CachedPlanServesEveryParameterValue) {
  const std::string q = "SELECT RAW name FROM b WHERE age = $a";
  EXPECT_EQ(Rows(q, J(R"({"a": 25})")), J(R"(["bob"])"));
  EXPECT_EQ(Rows(q, J(R"({"a": 35})")), J(R"(["cy"])"));
}

TEST_F(SelectBasic, DdlMakesCachedPlansStale) {
  Rows("CREATE INDEX by_age ON b(age)");
  const std::string q = "SELECT RAW name FROM b WHERE age = 30";
  EXPECT_EQ(Rows(q), J(R"(["ann"])"));  // planned with IndexScan3 on by_age, cached
  Rows("DROP INDEX by_age ON b");
  // A stale plan would scan the dropped index (12016); the new one uses the primary index.
  EXPECT_EQ(Rows(q), J(R"(["ann"])"));
}

TEST_F(SelectBasic, SemanticErrors) {
  EXPECT_EQ(ErrorCodeOf("SELECT name FROM nope"), 12003);
  EXPECT_EQ(ErrorCodeOf("SELECT x FROM b AS x JOIN b AS x ON KEYS 'k1'"), 4020);
  EXPECT_EQ(ErrorCodeOf("SELECT name FROM b AS a UNNEST a.tags AS t"), 3080);
  EXPECT_EQ(ErrorMessageOf("SELECT name FROM b AS a UNNEST a.tags AS t"),
            "Ambiguous reference to field 'name'.");
}

}  // namespace
}  // namespace casql
