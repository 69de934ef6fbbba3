// Subqueries inside expressions: uncorrelated ones run once per statement, correlated ones
// per enclosing row; errors inside them fail the statement.
#include "tests/executor/select_fixture.h"

namespace casql {
namespace {

class SelectSubquery : public SelectTest {
 protected:
  void SetUp() override {
    SelectTest::SetUp();
    Rows("CREATE BUCKET o");
    Rows("CREATE PRIMARY INDEX ON o");
    Rows("CREATE BUCKET c");
    Insert("o", "o1",
           R"({"cust": "c1", "items": [{"sku": "a", "qty": 2}, {"sku": "b", "qty": 1}]})");
    Insert("o", "o2", R"({"cust": "c2", "items": [{"sku": "a", "qty": 5}]})");
    Insert("o", "o3", R"({"cust": "c1", "items": []})");
    Insert("c", "c1", R"({"name": "Ann", "vip": true})");
    Insert("c", "c2", R"({"name": "Bob", "vip": false})");
  }
};

TEST_F(SelectSubquery, CorrelatedOverTheEnclosingRowsArray) {
  EXPECT_EQ(Rows("SELECT META(o).id AS id, (SELECT RAW SUM(i.qty) FROM o.items AS i)[0] AS qty "
                 "FROM o ORDER BY META(o).id"),
            J(R"([{"id": "o1", "qty": 3}, {"id": "o2", "qty": 5}, {"id": "o3", "qty": null}])"));
}

TEST_F(SelectSubquery, CorrelatedUseKeysReadsAnotherKeyspacePerRow) {
  EXPECT_EQ(Rows("SELECT RAW META(o).id FROM o WHERE (SELECT RAW x.vip FROM c AS x USE KEYS "
                 "o.cust)[0] = true ORDER BY META(o).id"),
            J(R"(["o1", "o3"])"));
}

TEST_F(SelectSubquery, ParametersReachTheSubquery) {
  EXPECT_EQ(Rows("SELECT RAW (SELECT RAW x.name FROM c AS x USE KEYS $k)[0]", J(R"({"k": "c2"})")),
            J(R"(["Bob"])"));
  EXPECT_EQ(Rows("SELECT RAW (SELECT RAW x.name FROM c AS x USE KEYS $1)[0]", J(R"(["c1"])")),
            J(R"(["Ann"])"));
}

TEST_F(SelectSubquery, PreparedStatementWithASubqueryServesEveryValue) {
  Rows(
      "PREPARE vipq FROM SELECT RAW META(o).id FROM o WHERE o.cust IN "
      "(SELECT RAW META(x).id FROM c AS x USE KEYS [\"c1\", \"c2\"] WHERE x.vip = $vip) "
      "ORDER BY META(o).id");
  EXPECT_EQ(Rows("EXECUTE vipq", J(R"({"vip": true})")), J(R"(["o1", "o3"])"));
  EXPECT_EQ(Rows("EXECUTE vipq", J(R"({"vip": false})")), J(R"(["o2"])"));
}

TEST_F(SelectSubquery, ErrorsInsideTheSubqueryFailTheStatement) {
  // c has no index, so only USE KEYS can read it.
  // A subquery that cannot be planned is 5370 "Unable to run subquery", HTTP 422.
  EXPECT_EQ(ErrorCodeOf("SELECT (SELECT RAW x FROM c AS x WHERE x.vip) AS v FROM o"), 5370);
  EXPECT_EQ(ErrorCodeOf("SELECT (SELECT RAW x FROM missing_ks AS x) AS v"), 5370);
  const Value r = Response("SELECT (SELECT RAW x FROM c AS x WHERE x.vip) AS v FROM o");
  EXPECT_EQ(r.Field("errors").Element(0).Field("msg"),
            Value("Unable to run subquery - cause: No index available on keyspace `default`:`c` "
                  "that matches your query. Use CREATE PRIMARY INDEX ON `default`:`c` to create a "
                  "primary index, or check that your expected index is online."));
  http::QueryRequest request;
  request.statement = "SELECT (SELECT RAW x FROM missing_ks AS x) AS v";
  auto execution = service_->Prepare(std::move(request), std::chrono::steady_clock::now());
  EXPECT_EQ(execution.Stream([](std::string_view) { return true; }).http_status, 422);
}

// Keys in alphabetical order, as Couchbase's marshalling emits them.
std::vector<std::string> KeysOf(const Value& object) {
  std::vector<std::string> keys;
  for (const auto& entry : object.AsObject()) keys.push_back(entry.first);
  return keys;
}

TEST_F(SelectSubquery, ExplainListsSubqueriesWithTheirPlans) {
  const Value explained =
      Rows(
          "EXPLAIN SELECT RAW META(o).id FROM o WHERE o.cust IN (SELECT RAW META(x).id FROM c "
          "AS x USE KEYS [\"c1\"]) AND (SELECT RAW i FROM o.items AS i) != []")
          .Element(0);
  EXPECT_EQ(KeysOf(explained), (std::vector<std::string>{"plan", "text", "~subqueries"}));
  const Value& listed = explained.Field("~subqueries");
  ASSERT_EQ(listed.AsArray().size(), 2u);
  EXPECT_EQ(KeysOf(listed.Element(0)),
            (std::vector<std::string>{"correlated", "plan", "subquery"}));
  EXPECT_EQ(listed.Element(0).Field("correlated"), Value(false));
  EXPECT_EQ(listed.Element(0).Field("plan").Field("~children").Element(0).Field("#operator"),
            Value("KeyScan"));
  EXPECT_EQ(listed.Element(1).Field("correlated"), Value(true));
  EXPECT_EQ(listed.Element(1).Field("plan").Field("~children").Element(0).Field("#operator"),
            Value("ExpressionScan"));
  EXPECT_TRUE(Rows("EXPLAIN SELECT RAW o FROM o").Element(0).Field("~subqueries").IsMissing());
}

TEST_F(SelectSubquery, ExplainFailsLikeExecutionWhenASubqueryCannotBePlanned) {
  const std::string statement = "EXPLAIN SELECT (SELECT RAW x FROM missing_ks AS x) AS v";
  EXPECT_EQ(ErrorCodeOf(statement), 5370);
  http::QueryRequest request;
  request.statement = statement;
  auto execution = service_->Prepare(std::move(request), std::chrono::steady_clock::now());
  EXPECT_EQ(execution.Stream([](std::string_view) { return true; }).http_status, 422);
}

TEST_F(SelectSubquery, SubqueryInsideDmlAndUpdateSet) {
  Rows("UPDATE o SET o.name = (SELECT RAW x.name FROM c AS x USE KEYS o.cust)[0]");
  EXPECT_EQ(Rows("SELECT RAW o.name FROM o ORDER BY META(o).id"), J(R"(["Ann", "Bob", "Ann"])"));
  Rows("DELETE FROM o WHERE EXISTS (SELECT 1 FROM o.items AS i WHERE i.qty > 4)");
  EXPECT_EQ(Rows("SELECT RAW META(o).id FROM o ORDER BY META(o).id"), J(R"(["o1", "o3"])"));
}

}  // namespace
}  // namespace casql
