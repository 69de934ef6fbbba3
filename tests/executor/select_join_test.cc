// FROM with UNNEST, lookup JOIN/NEST (ON KEYS) and ANSI JOIN/NEST.
#include "tests/executor/select_fixture.h"

namespace casql {
namespace {

class SelectJoin : public SelectTest {
 protected:
  void SetUp() override {
    SelectTest::SetUp();
    Rows("CREATE BUCKET o");
    Rows("CREATE BUCKET c");
    Rows("CREATE PRIMARY INDEX ON o");
    Rows("CREATE PRIMARY INDEX ON c");
    Insert("c", "c1", R"({"name": "ann"})");
    Insert("c", "c2", R"({"name": "bob"})");
    Insert("c", "c3", R"({"name": "cy"})");
    Insert("o", "o1", R"({"cust": "c1", "items": [{"p": "x", "n": 1}, {"p": "y", "n": 2}]})");
    Insert("o", "o2", R"({"cust": "c1", "items": []})");
    Insert("o", "o3", R"({"cust": "c2", "items": [{"p": "x", "n": 5}]})");
    Insert("o", "o4", R"({"cust": "zz"})");
  }
};

TEST_F(SelectJoin, UnnestAndLeftUnnest) {
  EXPECT_EQ(Rows("SELECT META(o).id AS id, i.p FROM o UNNEST o.items AS i ORDER BY id, i.p"),
            J(R"([{"id": "o1", "p": "x"}, {"id": "o1", "p": "y"}, {"id": "o3", "p": "x"}])"));
  EXPECT_EQ(Rows("SELECT RAW META(o).id FROM o LEFT UNNEST o.items AS i WHERE i IS MISSING "
                 "ORDER BY META(o).id"),
            J(R"(["o2", "o4"])"));
  // The implicit alias of UNNEST is the path's last name; unqualified names before the
  // UNNEST term resolve to the keyspace.
  EXPECT_EQ(Rows("SELECT RAW items.p FROM o USE KEYS 'o1' UNNEST items ORDER BY items.p"),
            J(R"(["x", "y"])"));
}

TEST_F(SelectJoin, LookupJoinOnKeys) {
  EXPECT_EQ(Rows("SELECT META(o).id AS id, c.name FROM o JOIN c ON KEYS o.cust ORDER BY id"),
            J(R"([{"id": "o1", "name": "ann"}, {"id": "o2", "name": "ann"},
                  {"id": "o3", "name": "bob"}])"));
  EXPECT_EQ(Rows("SELECT META(o).id AS id, c.name FROM o LEFT JOIN c ON KEYS o.cust "
                 "WHERE c IS MISSING"),
            J(R"([{"id": "o4"}])"));
}

TEST_F(SelectJoin, LookupNestCollectsDocuments) {
  Insert("o", "o5", R"({"custs": ["c1", "c3", "nope"]})");
  EXPECT_EQ(Rows("SELECT cs FROM o USE KEYS 'o5' NEST c AS cs ON KEYS o.custs"),
            J(R"([{"cs": [{"name": "ann"}, {"name": "cy"}]}])"));
  EXPECT_EQ(Rows("SELECT RAW META(o).id FROM o NEST c AS cs ON KEYS o.cust ORDER BY 1"),
            J(R"(["o1", "o2", "o3"])"));
  EXPECT_EQ(Rows("SELECT META(o).id AS id, cs FROM o LEFT NEST c AS cs ON KEYS o.cust "
                 "WHERE o.cust = 'zz'"),
            J(R"([{"id": "o4"}])"));
}

TEST_F(SelectJoin, AnsiJoinOnKeyUsesAKeyedNestedLoop) {
  const std::string q =
      "SELECT META(o).id AS id, c.name FROM o JOIN c ON META(c).id = o.cust ORDER BY id";
  EXPECT_EQ(Rows(q), J(R"([{"id": "o1", "name": "ann"}, {"id": "o2", "name": "ann"},
                           {"id": "o3", "name": "bob"}])"));
  const std::string plan = ToJson(Rows("EXPLAIN " + q));
  EXPECT_NE(plan.find("NestedLoopJoin"), std::string::npos) << plan;
  EXPECT_NE(plan.find("KeyScan"), std::string::npos) << plan;
}

TEST_F(SelectJoin, AnsiJoinOnFieldsUsesAHashJoin) {
  const std::string q =
      "SELECT c.name, META(o).id AS id FROM c LEFT JOIN o ON o.cust = META(c).id "
      "ORDER BY c.name, id";
  EXPECT_EQ(Rows(q), J(R"([{"name": "ann", "id": "o1"}, {"name": "ann", "id": "o2"},
                           {"name": "bob", "id": "o3"}, {"name": "cy"}])"));
  EXPECT_NE(ToJson(Rows("EXPLAIN " + q)).find("HashJoin"), std::string::npos);
}

TEST_F(SelectJoin, AnsiJoinWithoutEqualityIsANestedLoop) {
  EXPECT_EQ(Rows("SELECT RAW [c1.name, c2.name] FROM c AS c1 JOIN c AS c2 ON c1.name < c2.name "
                 "ORDER BY c1.name, c2.name"),
            J(R"([["ann", "bob"], ["ann", "cy"], ["bob", "cy"]])"));
}

TEST_F(SelectJoin, AnsiNest) {
  EXPECT_EQ(Rows("SELECT c.name, os FROM c NEST o AS os ON os.cust = META(c).id "
                 "WHERE c.name = 'bob'"),
            J(R"([{"name": "bob", "os": [{"cust": "c2", "items": [{"p": "x", "n": 5}]}]}])"));
  EXPECT_EQ(Rows("SELECT c.name, os[1].cust AS second, os[2] AS third FROM c "
                 "LEFT NEST o AS os ON os.cust = META(c).id ORDER BY c.name"),
            J(R"([{"name": "ann", "second": "c1"}, {"name": "bob"}, {"name": "cy"}])"));
}

}  // namespace
}  // namespace casql
