// Secondary indexes: DDL, access-path choice shown by EXPLAIN, covering scans, partial and
// array indexes, maintenance on writes, persistence across a restart.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "executor/index/secondary_index.h"
#include "tests/executor/select_fixture.h"

namespace casql {
namespace {

class SelectIndex : public SelectTest {
 protected:
  void SetUp() override {
    SelectTest::SetUp();
    Populate();
  }
  void Populate() {
    Rows("CREATE BUCKET b");
    for (int i = 0; i < 20; ++i) {
      Insert("b", "k" + std::to_string(i),
             R"({"n": )" + std::to_string(i) + R"(, "name": "u)" + std::to_string(i % 5) +
                 R"(", "tags": ["t)" + std::to_string(i % 3) + R"(", "all"], "kind": ")" +
                 (i % 2 ? "odd" : "even") + R"("})");
    }
  }
  // The plan's operators as one string, for "contains" checks.
  std::string Plan(const std::string& q) { return ToJson(Rows("EXPLAIN " + q).Element(0)); }
};

TEST_F(SelectIndex, MetaIdPredicateIsAKeyScan) {
  const std::string plan = Plan("SELECT * FROM b WHERE META().id = 'k3'");
  EXPECT_NE(plan.find(R"("#operator":"KeyScan","keys":"\"k3\"")"), std::string::npos) << plan;
  EXPECT_EQ(Rows("SELECT RAW n FROM b WHERE META().id IN ['k3', 'k4', 'zz'] ORDER BY n"),
            J("[3, 4]"));
}

TEST_F(SelectIndex, NoIndexAtAllIs4000) {
  EXPECT_EQ(ErrorCodeOf("SELECT * FROM b WHERE n = 3"), 4000);
}

TEST_F(SelectIndex, EqualityAndRangeUseIndexScanWithSpans) {
  Rows("CREATE INDEX by_n ON b(n)");
  const std::string plan = Plan("SELECT name FROM b WHERE n = 7");
  EXPECT_NE(plan.find(R"("#operator":"IndexScan3")"), std::string::npos) << plan;
  EXPECT_NE(plan.find(R"x("spans":[{"exact":true,"range":[{"high":"7","inclusion":3,)x"
                      R"x("index_key":"(`b`.`n`)","low":"7"}]}])x"),
            std::string::npos)
      << plan;
  EXPECT_NE(plan.find("Fetch"), std::string::npos);
  EXPECT_EQ(Rows("SELECT name FROM b WHERE n = 7"), J(R"([{"name": "u2"}])"));
  EXPECT_EQ(Rows("SELECT RAW n FROM b WHERE n > 15 AND n <= 18"), J("[16, 17, 18]"));
  EXPECT_EQ(Rows("SELECT RAW n FROM b WHERE n < 2"), J("[0, 1]"));
  EXPECT_EQ(Rows("SELECT RAW n FROM b WHERE n IN [19, 2, 40]"), J("[19, 2]"));
  EXPECT_EQ(Rows("SELECT RAW n FROM b WHERE n BETWEEN 4 AND 6"), J("[4, 5, 6]"));
  EXPECT_EQ(Rows("SELECT RAW n FROM b WHERE n = $v", J(R"({"v": 11})")), J("[11]"));
}

TEST_F(SelectIndex, CoveredQueryHasNoFetch) {
  Rows("CREATE INDEX by_name ON b(name, n)");
  const std::string q = "SELECT name, n, META().id AS id FROM b WHERE name LIKE 'u1%' AND n < 3";
  const std::string plan = Plan(q);
  EXPECT_NE(plan.find("IndexScan3"), std::string::npos) << plan;
  EXPECT_NE(plan.find("covers"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("Fetch"), std::string::npos) << plan;
  EXPECT_EQ(Rows(q), J(R"([{"name": "u1", "n": 1, "id": "k1"}])"));
  // Reading a field the index lacks needs the document.
  EXPECT_NE(Plan("SELECT kind FROM b WHERE name = 'u1'").find("Fetch"), std::string::npos);
}

TEST_F(SelectIndex, PartialIndexOnlyWhenTheQueryImpliesItsWhere) {
  Rows("CREATE INDEX odd_n ON b(n) WHERE kind = 'odd'");
  EXPECT_NE(Plan("SELECT n FROM b WHERE kind = 'odd' AND n > 10").find("odd_n"), std::string::npos);
  EXPECT_EQ(ErrorCodeOf("SELECT n FROM b WHERE n > 10"), 4000);
  EXPECT_EQ(Rows("SELECT RAW n FROM b WHERE kind = 'odd' AND n > 14"), J("[15, 17, 19]"));
}

TEST_F(SelectIndex, IndexFollowsWrites) {
  Rows("CREATE INDEX by_n ON b(n)");
  Rows("UPDATE b USE KEYS 'k1' SET n = 100");
  Rows("DELETE FROM b USE KEYS 'k2'");
  Insert("b", "k50", R"({"n": 101})");
  EXPECT_EQ(Rows("SELECT RAW META().id FROM b WHERE n >= 19"), J(R"(["k19", "k1", "k50"])"));
  EXPECT_EQ(Rows("SELECT RAW META().id FROM b WHERE n <= 2"), J(R"(["k0"])"));
}

// A pushed LIMIT/OFFSET bounds what the index scan copies out of the index, not only what
// the statement returns.
TEST_F(SelectIndex, ScanStopsAtItsEntryBudget) {
  Rows("CREATE INDEX by_n ON b(n)");
  plan::KeyspacePath path;
  path.bucket = "b";
  auto index = store_->FindIndex(path, "by_n");
  ASSERT_TRUE(index);
  const exec::IndexBound low{Value(int64_t{5}), true, false};
  const exec::IndexBound open{};
  const auto some = index->Scan(low, open, 3);
  ASSERT_EQ(some.size(), 3u);
  EXPECT_EQ(some[0].id, "k5");
  EXPECT_EQ(some[2].id, "k7");
  EXPECT_EQ(index->Scan(low, open).size(), 15u);
  EXPECT_TRUE(index->Scan(low, open, 0).empty());
  EXPECT_EQ(Rows("SELECT RAW n FROM b WHERE n >= 5 LIMIT 3 OFFSET 2"), J("[7, 8, 9]"));
  Rows("CREATE PRIMARY INDEX ON b");
  EXPECT_EQ(Rows("SELECT RAW META().id FROM b LIMIT 2 OFFSET 18"), J(R"(["k8", "k9"])"));
}

TEST_F(SelectIndex, DdlErrorsAndDrop) {
  Rows("CREATE INDEX by_n ON b(n)");
  EXPECT_EQ(ErrorCodeOf("CREATE INDEX by_n ON b(name)"), 4300);
  Rows("CREATE INDEX by_n IF NOT EXISTS ON b(name)");
  Rows("DROP INDEX by_n ON b");
  EXPECT_EQ(ErrorCodeOf("DROP INDEX by_n ON b"), 12016);
  Rows("DROP INDEX by_n IF EXISTS ON b");
  EXPECT_EQ(ErrorCodeOf("SELECT n FROM b WHERE n = 1"), 4000);
}

TEST_F(SelectIndex, DefinitionsArePersistedInTheDataDirectory) {
  const std::string dir = ::testing::TempDir() + "/select_index_defs";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  Open(dir);
  Populate();
  Rows("CREATE PRIMARY INDEX ON b");
  Rows("CREATE INDEX by_n ON b(n DESC, name) WHERE kind = 'even'");
  std::ifstream in(dir + "/indexes.json");
  std::stringstream text;
  text << in.rdbuf();
  const Value defs = J(text.str());
  EXPECT_EQ(defs.Field("primary"), J(R"({"b._default._default": "#primary"})"));
  const Value& def = defs.Field("secondary").Element(0);
  EXPECT_EQ(def.Field("name"), Value("by_n"));
  EXPECT_EQ(def.Field("keys"), J(R"x(["(`b`.`n`)", "(`b`.`name`)"])x"));
  EXPECT_EQ(def.Field("desc"), J("[true, false]"));
  EXPECT_EQ(def.Field("where"), Value(R"x(((`b`.`kind`) = "even"))x"));
  Rows("DROP INDEX by_n ON b");
  std::ifstream again(dir + "/indexes.json");
  std::stringstream after;
  after << again.rdbuf();
  EXPECT_EQ(J(after.str()).Field("secondary"), J("[]"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace casql
