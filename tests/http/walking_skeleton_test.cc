// The walking skeleton end to end over HTTP against a real server process: keyspaces, a
// primary index, INSERT, SELECT, the reference UPDATE, its EXPLAIN, and the 12009 a
// concurrent change produces.
#include <gtest/gtest.h>

#include "tests/http/server_process.h"
#include "value/json.h"

namespace casql::testing {
namespace {

const char* kReferenceUpdate =
    "update Project.Dev.admin SET LastLogin = '2023-02-03 11:53:45' WHERE Id = '19'";

class WalkingSkeleton : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess({"--memory", "--fault-injection"});
    server_->MustRun("CREATE BUCKET Project");
    server_->MustRun("CREATE SCOPE Project.Dev");
    server_->MustRun("CREATE COLLECTION Project.Dev.admin");
    server_->MustRun("CREATE PRIMARY INDEX ON Project.Dev.admin");
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server_->Stop(), 0) << "SIGTERM must shut the server down cleanly";
    delete server_;
  }
  void SetUp() override {
    server_->MustRun("DELETE FROM Project.Dev.admin");
    server_->MustRun(
        R"(INSERT INTO Project.Dev.admin (KEY, VALUE) VALUES ("19", {"Id": "19", "Name": "Ada", "LastLogin": "2023-01-01 00:00:00"}), ("20", {"Id": "20", "Name": "Bob", "LastLogin": "2023-01-01 00:00:00"}))");
  }
  static ServerProcess* server_;
};

ServerProcess* WalkingSkeleton::server_ = nullptr;

TEST_F(WalkingSkeleton, PingAnswersOk) {
  auto r = server_->Get("/admin/ping");
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.json, ParseJson(R"({"status":"OK"})").value());
}

TEST_F(WalkingSkeleton, InsertThenSelectByFieldAndByKey) {
  Value r = server_->MustRun(R"(SELECT Name, LastLogin FROM Project.Dev.admin WHERE Id = "20")");
  EXPECT_EQ(r.Field("results"),
            ParseJson(R"([{"Name":"Bob","LastLogin":"2023-01-01 00:00:00"}])").value());
  r = server_->MustRun(R"(SELECT a.Name FROM Project.Dev.admin AS a USE KEYS ["19", "nope"])");
  EXPECT_EQ(r.Field("results"), ParseJson(R"([{"Name":"Ada"}])").value());
  r = server_->MustRun(
      R"(SELECT META(a).id, a.Name FROM Project.Dev.admin a WHERE a.Id = "19" AND a.Name = "Ada")");
  EXPECT_EQ(r.Field("results"), ParseJson(R"([{"id":"19","Name":"Ada"}])").value());
}

TEST_F(WalkingSkeleton, ReferenceUpdateChangesTheDocument) {
  Value before =
      server_->MustRun(R"(SELECT META().cas AS cas FROM Project.Dev.admin WHERE Id = "19")");
  Value r = server_->MustRun(kReferenceUpdate);
  EXPECT_EQ(r.Field("metrics").Field("mutationCount"), Value(int64_t{1}));
  EXPECT_TRUE(r.Field("signature").IsNull());
  EXPECT_EQ(r.Field("results"), Value(Array{}));
  Value after = server_->MustRun(
      R"(SELECT LastLogin, META().cas AS cas FROM Project.Dev.admin WHERE Id = "19")");
  EXPECT_EQ(after.Field("results").Element(0).Field("LastLogin"), Value("2023-02-03 11:53:45"));
  EXPECT_NE(after.Field("results").Element(0).Field("cas"),
            before.Field("results").Element(0).Field("cas"))
      << "every mutation produces a new CAS";
  Value other = server_->MustRun(R"(SELECT LastLogin FROM Project.Dev.admin WHERE Id = "20")");
  EXPECT_EQ(other.Field("results").Element(0).Field("LastLogin"), Value("2023-01-01 00:00:00"));
}

TEST_F(WalkingSkeleton, ConcurrentChangeBetweenFetchAndWriteIs12009) {
  Value before =
      server_->MustRun(R"(SELECT META().cas AS cas FROM Project.Dev.admin WHERE Id = "19")");
  auto r = server_->Query(
      Value(Object{{"statement", Value(kReferenceUpdate)}, {"inject_cas_conflict", Value("19")}}));
  ASSERT_EQ(r.http_status, 200) << r.body;
  EXPECT_EQ(r.json.Field("status"), Value("errors")) << r.body;
  const Value& errors = r.json.Field("errors");
  ASSERT_TRUE(errors.IsArray());
  ASSERT_EQ(errors.AsArray().size(), 1u) << r.body;
  const Value& e = errors.Element(0);
  EXPECT_EQ(e.Field("code"), Value(int64_t{12009}));
  const std::string msg = e.Field("msg").AsString();
  EXPECT_EQ(msg.rfind("DML Error, possible causes include CAS mismatch. Failed to perform UPDATE "
                      "on key 19 - cause: MCResponse status=KEY_EEXISTS, opcode=SET, opaque=",
                      0),
            0u)
      << msg;
  EXPECT_EQ(msg.substr(msg.size() - 7), ", msg: ");
  EXPECT_EQ(e.Field("retry"), Value(false));
  const Value& reason = e.Field("reason");
  EXPECT_EQ(reason.Field("code"), Value(int64_t{12033}));
  EXPECT_EQ(reason.Field("key"), Value("datastore.couchbase.CAS_mismatch"));
  EXPECT_EQ(reason.Field("message"), Value("CAS mismatch"));
  EXPECT_EQ(reason.Field("document_key"), Value("19"));
  EXPECT_EQ(reason.Field("keyspace"), Value("default:Project.Dev.admin"));
  EXPECT_EQ(reason.Field("expected_cas"), before.Field("results").Element(0).Field("cas"));
  EXPECT_TRUE(reason.Field("actual_cas").IsNumber());
  EXPECT_NE(reason.Field("actual_cas"), reason.Field("expected_cas"));
  EXPECT_EQ(r.json.Field("metrics").Field("errorCount"), Value(int64_t{1}));
  EXPECT_TRUE(r.json.Field("metrics").Field("mutationCount").IsMissing());

  // The statement's change did not land: the concurrent writer's version is what is stored.
  Value now = server_->MustRun(R"(SELECT LastLogin FROM Project.Dev.admin WHERE Id = "19")");
  EXPECT_EQ(now.Field("results").Element(0).Field("LastLogin"), Value("2023-01-01 00:00:00"));
}

TEST_F(WalkingSkeleton, InjectedConflictsAreDeterministic) {
  // Every request that names a key loses its write of that key, however often it runs, and
  // only that key: the other documents of the statement are written each time.
  for (int i = 0; i < 20; ++i) {
    const std::string stamp = "run-" + std::to_string(i);
    auto r = server_->Query(
        Value(Object{{"statement", Value("UPDATE Project.Dev.admin SET LastLogin = $t")},
                     {"$t", Value(stamp)},
                     {"inject_cas_conflict", Value("19")}}));
    ASSERT_EQ(r.json.Field("status"), Value("errors")) << r.body;
    ASSERT_EQ(r.json.Field("errors").AsArray().size(), 1u) << r.body;
    EXPECT_EQ(r.json.Field("errors").Element(0).Field("reason").Field("document_key"), Value("19"));
    EXPECT_EQ(r.json.Field("metrics").Field("mutationCount"), Value(int64_t{1}));
    Value rows = server_->MustRun("SELECT RAW LastLogin FROM Project.Dev.admin ORDER BY META().id");
    EXPECT_EQ(rows.Field("results"), Value(Array{Value("2023-01-01 00:00:00"), Value(stamp)}));
  }
  // MERGE's matched UPDATE is injected the same way.
  auto merge = server_->Query(Value(
      Object{{"statement", Value(R"(MERGE INTO Project.Dev.admin AS t USING [{"k": "19"}] AS s )"
                                 R"(ON KEY s.k WHEN MATCHED THEN UPDATE SET t.LastLogin = "m")")},
             {"inject_cas_conflict", Value("19")}}));
  EXPECT_EQ(merge.json.Field("errors").Element(0).Field("reason").Field("code"),
            Value(int64_t{12033}))
      << merge.body;
}

TEST_F(WalkingSkeleton, CasRetriesReapplyTheStatementAfterAConflict) {
  auto r = server_->Query(Value(Object{{"statement", Value(kReferenceUpdate)},
                                       {"inject_cas_conflict", Value("19")},
                                       {"cas_retries", Value(int64_t{1})}}));
  EXPECT_EQ(r.json.Field("status"), Value("success")) << r.body;
  EXPECT_EQ(r.json.Field("metrics").Field("mutationCount"), Value(int64_t{1}));
  Value now = server_->MustRun(R"(SELECT LastLogin FROM Project.Dev.admin WHERE Id = "19")");
  EXPECT_EQ(now.Field("results").Element(0).Field("LastLogin"), Value("2023-02-03 11:53:45"));
}

TEST_F(WalkingSkeleton, CasRetriesOutOfRangeIsRejected) {
  auto r = server_->Query(
      Value(Object{{"statement", Value(kReferenceUpdate)}, {"cas_retries", Value(int64_t{1001})}}));
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(r.json.Field("errors").Element(0).Field("code"), Value(int64_t{1030}));
}

TEST_F(WalkingSkeleton, OneConflictDoesNotStopTheOtherDocuments) {
  auto r = server_->Query(
      Value(Object{{"statement", Value("UPDATE Project.Dev.admin SET LastLogin = 'x'")},
                   {"inject_cas_conflict", Value(Array{Value("20")})}}));
  EXPECT_EQ(r.json.Field("status"), Value("errors")) << r.body;
  EXPECT_EQ(r.json.Field("metrics").Field("mutationCount"), Value(int64_t{1}));
  EXPECT_EQ(r.json.Field("metrics").Field("errorCount"), Value(int64_t{1}));
  EXPECT_EQ(r.json.Field("errors").Element(0).Field("reason").Field("document_key"), Value("20"));
  Value rows = server_->MustRun(
      "SELECT META().id AS id, LastLogin FROM Project.Dev.admin ORDER BY META().id");
  EXPECT_EQ(
      rows.Field("results"),
      ParseJson(R"([{"id":"19","LastLogin":"x"},{"id":"20","LastLogin":"2023-01-01 00:00:00"}])")
          .value());
}

TEST_F(WalkingSkeleton, ExplainShowsTheUpdatePipeline) {
  Value r = server_->MustRun(std::string("EXPLAIN ") + kReferenceUpdate);
  ASSERT_EQ(r.Field("results").AsArray().size(), 1u);
  const Value& row = r.Field("results").Element(0);
  EXPECT_EQ(row.Field("text"), Value(kReferenceUpdate));
  const Value& plan = row.Field("plan");
  EXPECT_EQ(plan.Field("#operator"), Value("Sequence"));
  const Value& scan = plan.Field("~children").Element(0);
  EXPECT_EQ(scan, ParseJson(R"({"#operator":"PrimaryScan3","bucket":"Project","index":"#primary",
      "index_projection":{"primary_key":true},"keyspace":"admin","namespace":"default",
      "scope":"Dev","using":"gsi"})")
                      .value());
  const Value& parallel = plan.Field("~children").Element(1);
  EXPECT_EQ(parallel.Field("#operator"), Value("Parallel"));
  const Value& steps = parallel.Field("~child").Field("~children");
  std::vector<std::string> names;
  for (const Value& step : steps.AsArray()) names.push_back(step.Field("#operator").AsString());
  EXPECT_EQ(names, (std::vector<std::string>{"Fetch", "Filter", "Clone", "Set", "SendUpdate"}));
  EXPECT_EQ(steps.Element(1).Field("condition"), Value("((`admin`.`Id`) = \"19\")"));
  EXPECT_EQ(steps.Element(3).Field("set_terms"),
            ParseJson(R"j([{"path":"(`admin`.`LastLogin`)","value":"\"2023-02-03 11:53:45\""}])j")
                .value());
  // EXPLAIN does not execute the statement.
  Value doc = server_->MustRun(R"(SELECT LastLogin FROM Project.Dev.admin WHERE Id = "19")");
  EXPECT_EQ(doc.Field("results").Element(0).Field("LastLogin"), Value("2023-01-01 00:00:00"));
}

TEST_F(WalkingSkeleton, UnknownKeyspaceIs12003BeforeExecution) {
  auto r = server_->Query(Value(Object{{"statement", Value("SELECT * FROM Project.Dev.nope")}}));
  EXPECT_EQ(r.http_status, 424);
  EXPECT_EQ(r.json.Field("status"), Value("fatal"));
  EXPECT_TRUE(r.json.Field("results").IsMissing());
  EXPECT_TRUE(r.json.Field("signature").IsMissing());
  EXPECT_EQ(r.json.Field("errors").Element(0).Field("code"), Value(int64_t{12003}));
  EXPECT_EQ(r.json.Field("errors").Element(0).Field("msg"),
            Value("Keyspace not found in CB datastore: default:Project.Dev.nope"));
  auto bucket = server_->Query(Value(Object{{"statement", Value("SELECT * FROM nobucket")}}));
  EXPECT_EQ(bucket.json.Field("errors").Element(0).Field("msg"),
            Value("Keyspace not found in CB datastore: default:nobucket - cause: No bucket named "
                  "nobucket"));
}

TEST_F(WalkingSkeleton, NoPrimaryIndexIs4000) {
  server_->MustRun("CREATE COLLECTION Project.Dev.unindexed");
  auto r =
      server_->Query(Value(Object{{"statement", Value("SELECT * FROM Project.Dev.unindexed")}}));
  EXPECT_EQ(r.http_status, 404);
  EXPECT_EQ(r.json.Field("errors").Element(0).Field("code"), Value(int64_t{4000}));
  EXPECT_NE(r.json.Field("errors").Element(0).Field("msg").AsString().find(
                "No index available on keyspace `default`:`Project`.`Dev`.`unindexed`"),
            std::string::npos);
  // USE KEYS needs no index.
  server_->MustRun("SELECT * FROM Project.Dev.unindexed USE KEYS 'k'");
}

TEST_F(WalkingSkeleton, DuplicateInsertIs12009WithCause17012) {
  auto r = server_->Query(Value(Object{
      {"statement",
       Value(R"(INSERT INTO Project.Dev.admin (KEY, VALUE) VALUES ("19", {"Id": "dup"}))")}}));
  EXPECT_EQ(r.json.Field("status"), Value("errors"));
  const Value& e = r.json.Field("errors").Element(0);
  EXPECT_EQ(e.Field("code"), Value(int64_t{12009}));
  EXPECT_EQ(e.Field("msg"), Value("DML Error, possible causes include concurrent modification. "
                                  "Failed to perform INSERT on key 19 - cause: Duplicate Key: 19"));
  EXPECT_EQ(e.Field("reason").Field("code"), Value(int64_t{17012}));
}

TEST_F(WalkingSkeleton, SyntaxErrorIs3000WithPosition) {
  auto r = server_->Query(Value(Object{{"statement", Value("SELECT * FRM x")}}));
  EXPECT_EQ(r.http_status, 400);
  const Value& e = r.json.Field("errors").Element(0);
  EXPECT_EQ(e.Field("code"), Value(int64_t{3000}));
  EXPECT_EQ(e.Field("line"), Value(int64_t{1}));
  EXPECT_TRUE(e.Field("column").IsNumber());
  EXPECT_EQ(e.Field("msg").AsString().rfind("syntax error - line 1, column ", 0), 0u);
}

TEST_F(WalkingSkeleton, UnknownFunctionFailsBeforeExecution) {
  auto r = server_->Query(Value(Object{{"statement", Value("SELECT nosuchfn(1)")}}));
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(r.json.Field("status"), Value("fatal"));
  EXPECT_TRUE(r.json.Field("results").IsMissing());
  EXPECT_EQ(r.json.Field("errors").Element(0).Field("code"), Value(int64_t{3000}));
  EXPECT_EQ(r.json.Field("errors").Element(0).Field("msg"), Value("Invalid function nosuchfn"));
}

TEST_F(WalkingSkeleton, ResponseFieldsComeInCouchbaseOrder) {
  auto r = server_->Query(Value(
      Object{{"statement", Value("SELECT 1 + 1 AS two")}, {"client_context_id", Value("ctx-1")}}));
  const auto& fields = r.json.AsObject().entries();
  std::vector<std::string> names;
  for (const auto& f : fields) names.push_back(f.first);
  EXPECT_EQ(names, (std::vector<std::string>{"requestID", "clientContextID", "signature", "results",
                                             "status", "metrics"}));
  EXPECT_EQ(r.json.Field("results"), ParseJson(R"([{"two":2}])").value());
  EXPECT_EQ(r.json.Field("clientContextID"), Value("ctx-1"));
  EXPECT_EQ(r.content_type.rfind("application/json; version=", 0), 0u);
  const Value& m = r.json.Field("metrics");
  for (const char* f : {"elapsedTime", "executionTime"}) EXPECT_TRUE(m.Field(f).IsString()) << f;
  EXPECT_EQ(m.Field("resultCount"), Value(int64_t{1}));
  EXPECT_EQ(m.Field("resultSize"), Value(int64_t{9}));  // {"two":2}
}

}  // namespace
}  // namespace casql::testing
