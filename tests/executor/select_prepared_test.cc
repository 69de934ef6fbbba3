// PREPARE, EXECUTE [USING] and the `prepared` request parameter.
#include "tests/executor/select_fixture.h"

namespace casql {
namespace {

class SelectPrepared : public SelectTest {
 protected:
  void SetUp() override {
    SelectTest::SetUp();
    Rows("CREATE BUCKET p");
    Rows("CREATE PRIMARY INDEX ON p");
    Insert("p", "1", R"({"n": 1, "s": "one"})");
    Insert("p", "2", R"({"n": 2, "s": "two"})");
  }

  // A request naming a prepared statement, with named arguments.
  Value RunPrepared(const std::string& name, const Value& named = Value()) {
    http::QueryRequest request;
    request.prepared = name;
    if (named.IsObject()) {
      for (const auto& [arg, v] : named.AsObject()) request.named_args[arg] = v;
    }
    return Send(std::move(request));
  }
};

TEST_F(SelectPrepared, PrepareAnswersWithTheStatementDescription) {
  const Value rows = Rows("PREPARE byn FROM SELECT s FROM p WHERE n = $n");
  ASSERT_EQ(rows.AsArray().size(), 1u);
  const Value& row = rows.Element(0);
  EXPECT_EQ(row.Field("name"), Value("byn"));
  EXPECT_EQ(row.Field("namespace"), Value("default"));
  EXPECT_EQ(row.Field("signature"), J(R"({"s": "json"})"));
  EXPECT_EQ(row.Field("text"), Value("PREPARE byn FROM SELECT s FROM p WHERE n = $n"));
  EXPECT_EQ(row.Field("operator").Field("#operator"), Value("Sequence"));
  EXPECT_FALSE(row.Field("encoded_plan").IsString());
}

TEST_F(SelectPrepared, ExecuteBindsParametersAtEachExecution) {
  Rows("PREPARE byn AS SELECT s FROM p WHERE n = $n");
  EXPECT_EQ(Rows("EXECUTE byn", J(R"({"n": 1})")), J(R"([{"s": "one"}])"));
  EXPECT_EQ(Rows("EXECUTE byn", J(R"({"n": 2})")), J(R"([{"s": "two"}])"));
  EXPECT_EQ(Rows(R"(EXECUTE byn USING {"n": 2})"), J(R"([{"s": "two"}])"));
  Rows("PREPARE bypos FROM SELECT RAW s FROM p WHERE n = $1");
  EXPECT_EQ(Rows("EXECUTE bypos USING [1]"), J(R"(["one"])"));
  EXPECT_EQ(Rows("EXECUTE 'bypos' USING [2]"), J(R"(["two"])"));
}

TEST_F(SelectPrepared, PreparedParameterRunsTheStatementWithTheRequestArguments) {
  Rows("PREPARE byn FROM SELECT s FROM p WHERE n = $n");
  const Value r = RunPrepared("byn", J(R"({"n": 2})"));
  EXPECT_EQ(r.Field("status"), Value("success")) << ToJson(r);
  EXPECT_EQ(r.Field("results"), J(R"([{"s": "two"}])"));
  EXPECT_EQ(r.Field("signature"), J(R"({"s": "json"})"));
}

TEST_F(SelectPrepared, UnknownNameIs4040) {
  const Value r = RunPrepared("nope");
  EXPECT_EQ(r.Field("errors").Element(0).Field("code"), Value(4040)) << ToJson(r);
  EXPECT_EQ(r.Field("errors").Element(0).Field("msg"), Value("No such prepared statement: nope"));
  EXPECT_EQ(ErrorCodeOf("EXECUTE nope"), 4040);
}

TEST_F(SelectPrepared, GeneratedNameIsUsableAndNamesAreUnique) {
  const Value row = Rows("PREPARE SELECT RAW COUNT(*) FROM p").Element(0);
  ASSERT_TRUE(row.Field("name").IsString());
  EXPECT_EQ(row.Field("name").AsString().size(), 36u);
  EXPECT_EQ(Rows("EXECUTE `" + row.Field("name").AsString() + "`"), J("[2]"));

  Rows("PREPARE q FROM SELECT RAW 1");
  Rows("PREPARE q FROM SELECT RAW 1");  // the same text again is allowed
  EXPECT_EQ(ErrorCodeOf("PREPARE q FROM SELECT RAW 2"), 4060);
  EXPECT_EQ(ErrorMessageOf("PREPARE q FROM SELECT RAW 2"), "Unable to add name: duplicate name: q");
}

TEST_F(SelectPrepared, PreparedMutationRunsEachTime) {
  Rows("PREPARE bump FROM UPDATE p SET n = n + 10 WHERE s = $s");
  EXPECT_EQ(Response("EXECUTE bump", J(R"({"s": "one"})")).Field("metrics").Field("mutationCount"),
            Value(1));
  EXPECT_EQ(Rows("SELECT RAW n FROM p WHERE s = 'one'"), J("[11]"));
}

TEST_F(SelectPrepared, PlanFollowsIndexChangesAfterPrepare) {
  Rows("PREPARE bys FROM SELECT RAW n FROM p WHERE s = 'two'");
  Rows("CREATE INDEX ix_s ON p(s)");
  EXPECT_EQ(Rows("EXECUTE bys"), J("[2]"));
  Rows("DROP INDEX ix_s ON p");
  Rows("DROP PRIMARY INDEX ON p");
  EXPECT_EQ(ErrorCodeOf("EXECUTE bys"), 4000);
}

}  // namespace
}  // namespace casql
