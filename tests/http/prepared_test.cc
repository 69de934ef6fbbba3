// Prepared statements over HTTP: the `prepared` request parameter with its arguments,
// `auto_execute`, GET /admin/prepareds, and the request keyspaces of a live server.
#include <gtest/gtest.h>

#include "tests/http/server_process.h"
#include "value/json.h"

namespace casql::testing {
namespace {

class Prepared : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess({"--memory", "--bucket", "pb"});
    server_->MustRun("CREATE PRIMARY INDEX ON pb");
    server_->MustRun(
        R"(INSERT INTO pb (KEY, VALUE) VALUES ("1", {"n": 1}), ("2", {"n": 2}), ("3", {"n": 3}))");
  }
  static void TearDownTestSuite() { delete server_; }
  static Value J(const std::string& json) { return ParseJson(json).value(); }
  static ServerProcess* server_;
};

ServerProcess* Prepared::server_ = nullptr;

TEST_F(Prepared, PreparedParameterRunsTheStoredPlanWithEachRequestsArguments) {
  server_->MustRun("PREPARE above FROM SELECT RAW n FROM pb WHERE n > $min ORDER BY n");
  auto first = server_->Query(J(R"({"prepared": "above", "$min": 1})"));
  ASSERT_EQ(first.http_status, 200) << first.body;
  EXPECT_EQ(first.json.Field("results"), J("[2, 3]"));
  EXPECT_EQ(first.json.Field("signature"), Value("json"));
  auto second = server_->Query(J(R"({"prepared": "above", "$min": 2})"));
  EXPECT_EQ(second.json.Field("results"), J("[3]")) << second.body;

  server_->MustRun("PREPARE nth FROM SELECT RAW n FROM pb WHERE n = ?");
  auto positional = server_->Query(J(R"({"prepared": "nth", "args": [2]})"));
  EXPECT_EQ(positional.json.Field("results"), J("[2]")) << positional.body;
}

TEST_F(Prepared, UnknownPreparedNameIs4040WithHttp404) {
  auto r = server_->Query(J(R"({"prepared": "never_prepared"})"));
  EXPECT_EQ(r.http_status, 404) << r.body;
  EXPECT_EQ(r.json.Field("status"), Value("fatal"));
  EXPECT_EQ(r.json.Field("errors").Element(0).Field("code"), Value(int64_t{4040}));
  EXPECT_EQ(r.json.Field("errors").Element(0).Field("msg"),
            Value("No such prepared statement: never_prepared"));
}

TEST_F(Prepared, AutoExecutePreparesAndRunsInOneRequest) {
  auto r = server_->Query(J(
      R"({"statement": "PREPARE twice FROM SELECT RAW n * 2 FROM pb WHERE n = $n", "$n": 3,
          "auto_execute": true})"));
  ASSERT_EQ(r.http_status, 200) << r.body;
  EXPECT_EQ(r.json.Field("prepared"), Value("twice"));
  EXPECT_EQ(r.json.Field("results"), J("[6]"));
  // The response places `prepared` before the signature, as Couchbase does.
  EXPECT_LT(r.body.find("\"prepared\""), r.body.find("\"signature\""));
  auto again = server_->Query(J(R"({"prepared": "twice", "$n": 1})"));
  EXPECT_EQ(again.json.Field("results"), J("[2]")) << again.body;
}

TEST_F(Prepared, AdminPrepareds) {
  server_->MustRun("PREPARE listed FROM SELECT RAW COUNT(*) FROM pb");
  server_->Query(J(R"({"prepared": "listed"})"));
  auto list = server_->Get("/admin/prepareds");
  ASSERT_EQ(list.http_status, 200) << list.body;
  ASSERT_TRUE(list.json.IsArray()) << list.body;
  bool found = false;
  for (const Value& p : list.json.AsArray()) {
    if (p.Field("name") != Value("listed")) continue;
    found = true;
    EXPECT_EQ(p.Field("statement"), Value("PREPARE listed FROM SELECT RAW COUNT(*) FROM pb"));
    EXPECT_EQ(p.Field("uses"), Value(int64_t{1}));
  }
  EXPECT_TRUE(found) << list.body;

  auto one = server_->Get("/admin/prepareds/listed");
  EXPECT_EQ(one.http_status, 200) << one.body;
  EXPECT_EQ(one.json.Field("name"), Value("listed"));
  auto none = server_->Get("/admin/prepareds/never_prepared");
  EXPECT_EQ(none.http_status, 404) << none.body;
  EXPECT_EQ(none.json.Field("code"), Value(int64_t{4040}));
}

TEST_F(Prepared, RequestKeyspacesListTheServersRequests) {
  // A request reading system:active_requests is itself running.
  auto active = server_->Query(J(R"({"statement":
      "SELECT RAW r.statement FROM system:active_requests AS r", "client_context_id": "me"})"));
  ASSERT_EQ(active.http_status, 200) << active.body;
  EXPECT_EQ(active.json.Field("results"),
            J(R"(["SELECT RAW r.statement FROM system:active_requests AS r"])"));

  auto done = server_->Query(J(R"({"statement": "SELECT 7 AS seven",
                                   "client_context_id": "find-me-later"})"));
  const Value id = done.json.Field("requestID");
  auto completed = server_->Query(J(R"({"statement":
      "SELECT r.requestId, r.state, r.resultCount FROM system:completed_requests AS r WHERE r.clientContextID = 'find-me-later'"})"));
  EXPECT_EQ(
      completed.json.Field("results"),
      Value(Array{Value(Object{
          {"requestId", id}, {"state", Value("completed")}, {"resultCount", Value(int64_t{1})}})}))
      << completed.body;
}

}  // namespace
}  // namespace casql::testing
