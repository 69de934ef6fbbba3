// Request parameter handling of /query/service (reference §1.2-1.3).
#include <gtest/gtest.h>

#include "tests/http/server_process.h"
#include "value/json.h"

namespace casql::testing {
namespace {

class RequestParams : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new ServerProcess({"--memory"}); }
  static void TearDownTestSuite() { delete server_; }
  static int FirstCode(const ServerProcess::Response& r) {
    const Value& code = r.json.Field("errors").Element(0).Field("code");
    return code.IsNumber() ? static_cast<int>(code.AsInt()) : -1;
  }
  static ServerProcess* server_;
};

ServerProcess* RequestParams::server_ = nullptr;

TEST_F(RequestParams, FormEncodedBodyAndRawBodyStatement) {
  auto form = server_->Post("/query/service", "statement=SELECT%201%20AS%20x",
                            "application/x-www-form-urlencoded");
  EXPECT_EQ(form.json.Field("results"), ParseJson(R"([{"x":1}])").value()) << form.body;
  auto raw = server_->Post("/query/service", "SELECT 2 AS y", "text/plain");
  EXPECT_EQ(raw.json.Field("results"), ParseJson(R"([{"y":2}])").value()) << raw.body;
}

TEST_F(RequestParams, NamedAndPositionalArguments) {
  auto r = server_->Query(ParseJson(R"({"statement":"SELECT $a AS a, @b AS b, $1 AS one, ? AS q",
      "$a": 1, "@b": "two", "args": [10]})")
                              .value());
  EXPECT_EQ(r.json.Field("results"), ParseJson(R"([{"a":1,"b":"two","one":10,"q":10}])").value())
      << r.body;
}

TEST_F(RequestParams, MissingStatementIs1050) {
  auto r = server_->Query(ParseJson(R"({"pretty": true})").value());
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(FirstCode(r), 1050);
  EXPECT_EQ(r.json.Field("status"), Value("fatal"));
}

TEST_F(RequestParams, UnknownParameterIs1065) {
  auto r = server_->Query(ParseJson(R"({"statement":"SELECT 1","bogus":1})").value());
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(FirstCode(r), 1065);
  EXPECT_EQ(r.json.Field("errors").Element(0).Field("msg"),
            Value("Unrecognized parameter in request: bogus"));
}

TEST_F(RequestParams, ConflictInjectionIsRejectedWithoutTheServerFlag) {
  auto r =
      server_->Query(ParseJson(R"({"statement":"SELECT 1","inject_cas_conflict":"k"})").value());
  EXPECT_EQ(FirstCode(r), 1065);
}

TEST_F(RequestParams, WrongTypesAre1070) {
  auto args = server_->Query(ParseJson(R"({"statement":"SELECT 1","args":{"a":1}})").value());
  EXPECT_EQ(FirstCode(args), 1070);
  auto flag = server_->Query(ParseJson(R"({"statement":"SELECT 1","metrics":"yes"})").value());
  EXPECT_EQ(FirstCode(flag), 1070);
  EXPECT_EQ(flag.json.Field("errors").Element(0).Field("msg"),
            Value("metrics has to be of type boolean"));
}

TEST_F(RequestParams, DuplicateNamedArgumentIs1060) {
  auto r = server_->Query(ParseJson(R"({"statement":"SELECT $x","$x":1,"@x":2})").value());
  EXPECT_EQ(FirstCode(r), 1060);
}

TEST_F(RequestParams, GetIsReadOnly) {
  server_->MustRun("CREATE BUCKET ro");
  auto get = server_->Get("/query/service?statement=SELECT%201%20AS%20x");
  EXPECT_EQ(get.json.Field("results"), ParseJson(R"([{"x":1}])").value()) << get.body;
  auto write = server_->Get(
      "/query/service?statement=UPSERT%20INTO%20ro%20(KEY,VALUE)%20VALUES%20(%22k%22,1)");
  EXPECT_EQ(write.http_status, 403);
  EXPECT_EQ(FirstCode(write), 1000);
  auto flagged = server_->Query(
      ParseJson(R"j({"statement":"UPSERT INTO ro (KEY,VALUE) VALUES (\"k\",1)","readonly":true})j")
          .value());
  EXPECT_EQ(FirstCode(flagged), 1000);
}

TEST_F(RequestParams, MetricsAndSignatureCanBeOmitted) {
  auto r = server_->Query(
      ParseJson(R"({"statement":"SELECT 1 AS x","metrics":false,"signature":false})").value());
  EXPECT_TRUE(r.json.Field("metrics").IsMissing());
  EXPECT_TRUE(r.json.Field("signature").IsMissing());
  EXPECT_EQ(r.json.Field("status"), Value("success"));
}

TEST_F(RequestParams, ClientContextIdRejectsQuotes) {
  auto r =
      server_->Query(ParseJson(R"({"statement":"SELECT 1","client_context_id":"a\"b"})").value());
  EXPECT_EQ(FirstCode(r), 1110);
}

TEST_F(RequestParams, UnsupportedMethodAndMediaType) {
  httplib::Client client("127.0.0.1", server_->port());
  auto put =
      client.Put("/query/service", "statement=SELECT 1", "application/x-www-form-urlencoded");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 405);
  httplib::Headers headers{{"Accept", "text/html"}};
  auto html = client.Get("/query/service?statement=SELECT%201", headers);
  ASSERT_TRUE(html);
  EXPECT_EQ(html->status, 406);
}

TEST_F(RequestParams, StatementAndPreparedTogetherIs1060) {
  auto r = server_->Query(ParseJson(R"({"statement":"SELECT 1","prepared":"p1"})").value());
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(FirstCode(r), 1060);
  EXPECT_EQ(r.json.Field("errors").Element(0).Field("msg"),
            Value("Multiple values for statement and prepared."));
}

TEST_F(RequestParams, UnknownPreparedIs4040With404) {
  auto r = server_->Query(ParseJson(R"({"prepared":"nope"})").value());
  EXPECT_EQ(r.http_status, 404);
  EXPECT_EQ(FirstCode(r), 4040);
  EXPECT_EQ(r.json.Field("errors").Element(0).Field("msg"),
            Value("No such prepared statement: nope"));
}

TEST_F(RequestParams, FormModeValuesAreTextAndJsonText) {
  auto r =
      server_->Post("/query/service",
                    "statement=SELECT%20%24a%20AS%20a%2C%20%241%20AS%20b&%24a=%7B%22k%22%3A1%7D"
                    "&args=%5B%22two%22%5D&metrics=0&pretty=f",
                    "application/x-www-form-urlencoded");
  EXPECT_EQ(r.json.Field("results"), ParseJson(R"([{"a":{"k":1},"b":"two"}])").value()) << r.body;
  EXPECT_TRUE(r.json.Field("metrics").IsMissing()) << "metrics=0 parses as Go's false";
}

TEST_F(RequestParams, ParameterNamesAreCaseInsensitiveAndTrimmed) {
  auto r = server_->Query(ParseJson(R"({" STATEMENT ":"SELECT 7 AS x"})").value());
  EXPECT_EQ(r.json.Field("results"), ParseJson(R"([{"x":7}])").value()) << r.body;
}

TEST_F(RequestParams, TimeoutNeedsAUnit) {
  auto r = server_->Query(ParseJson(R"({"statement":"SELECT 1","timeout":"5"})").value());
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(FirstCode(r), 1070);
  auto ok = server_->Query(ParseJson(R"({"statement":"SELECT 1","timeout":"1m30s"})").value());
  EXPECT_EQ(ok.json.Field("status"), Value("success")) << ok.body;
}

TEST_F(RequestParams, UnknownScanConsistencyIs1030) {
  auto r = server_->Query(
      ParseJson(R"({"statement":"SELECT 1","scan_consistency":"eventually"})").value());
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(FirstCode(r), 1030);
  auto ok = server_->Query(
      ParseJson(R"({"statement":"SELECT 1","scan_consistency":"REQUEST_PLUS"})").value());
  EXPECT_EQ(ok.json.Field("status"), Value("success")) << ok.body;
}

TEST_F(RequestParams, OnlyJsonUtf8UncompressedResponses) {
  EXPECT_EQ(
      FirstCode(server_->Query(ParseJson(R"({"statement":"SELECT 1","format":"XML"})").value())),
      1030);
  EXPECT_EQ(FirstCode(server_->Query(
                ParseJson(R"({"statement":"SELECT 1","compression":"GZIP"})").value())),
            1030);
  auto ok = server_->Query(
      ParseJson(
          R"({"statement":"SELECT 1","format":"json","encoding":"UTF-8","compression":"none"})")
          .value());
  EXPECT_EQ(ok.json.Field("status"), Value("success")) << ok.body;
}

TEST_F(RequestParams, ClientContextIdIsEchoedAndTruncatedTo64Bytes) {
  const std::string id(80, 'c');
  auto r = server_->Query(
      Value(Object{{"statement", Value("SELECT 1")}, {"client_context_id", Value(id)}}));
  EXPECT_EQ(r.json.Field("clientContextID"), Value(id.substr(0, 64)));
}

TEST_F(RequestParams, ReadonlyFalseWithGetIs1090) {
  auto r = server_->Get("/query/service?statement=SELECT%201&readonly=false");
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(FirstCode(r), 1090);
}

TEST_F(RequestParams, TransactionsAre17097) {
  auto r = server_->Query(ParseJson(R"({"statement":"SELECT 1","txid":"abc"})").value());
  EXPECT_EQ(FirstCode(r), 17097);
  EXPECT_EQ(r.json.Field("status"), Value("fatal"));
  auto implicit =
      server_->Query(ParseJson(R"({"statement":"SELECT 1","tximplicit":true})").value());
  EXPECT_EQ(FirstCode(implicit), 17097);
}

TEST_F(RequestParams, CredsMustBeUserPassObjects) {
  auto r = server_->Query(ParseJson(R"({"statement":"SELECT 1","creds":"alice"})").value());
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(FirstCode(r), 1070);
  auto ok = server_->Query(
      ParseJson(R"({"statement":"SELECT 1","creds":[{"user":"a","pass":"b"}]})").value());
  EXPECT_EQ(ok.json.Field("status"), Value("success"))
      << "without --users the server ignores credentials: " << ok.body;
}

TEST_F(RequestParams, TuningParametersAreAccepted) {
  auto r = server_->Query(ParseJson(R"({"statement":"SELECT 1","max_parallelism":"4",
      "scan_cap":512,"pipeline_batch":16,"preserve_expiry":true,"durability_level":"majority",
      "kvtimeout":"2s","query_context":"default:x","scan_wait":"1s","profile":"off",
      "controls":false,"auto_execute":false,"use_cbo":true,"namespace":"default"})")
                              .value());
  EXPECT_EQ(r.json.Field("status"), Value("success")) << r.body;
  auto bad = server_->Query(
      ParseJson(R"({"statement":"SELECT 1","durability_level":"everywhere"})").value());
  EXPECT_EQ(FirstCode(bad), 1030);
}

TEST_F(RequestParams, ContentTypeNamesTheVersion) {
  auto r = server_->Query(ParseJson(R"({"statement":"SELECT 1"})").value());
  EXPECT_EQ(r.content_type, "application/json; version=0.1.0-N1QL");
  auto fatal = server_->Query(ParseJson(R"({"statement":"SELEC 1"})").value());
  EXPECT_EQ(fatal.content_type, "application/json; version=0.1.0-N1QL");
}

TEST_F(RequestParams, PrettyIndentsTheDocument) {
  auto r = server_->Query(ParseJson(R"({"statement":"SELECT 1 AS x","pretty":true})").value());
  EXPECT_NE(r.body.find("\n    \"results\": ["), std::string::npos) << r.body;
  auto compact = server_->Query(ParseJson(R"({"statement":"SELECT 1 AS x"})").value());
  EXPECT_NE(compact.body.find("\"results\":[{\"x\":1}]"), std::string::npos) << compact.body;
}

TEST_F(RequestParams, PreExecutionFailureIsFatalWithoutResults) {
  auto r = server_->Query(ParseJson(R"({"statement":"SELECT FROM WHERE"})").value());
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(FirstCode(r), 3000);
  EXPECT_EQ(r.json.Field("status"), Value("fatal"));
  EXPECT_TRUE(r.json.Field("results").IsMissing());
  EXPECT_TRUE(r.json.Field("signature").IsMissing());
  EXPECT_EQ(r.json.Field("metrics").Field("errorCount"), Value(int64_t{1}));
}

TEST_F(RequestParams, IndexThatExistsIs4300With409) {
  server_->MustRun("CREATE BUCKET idx");
  server_->MustRun("CREATE PRIMARY INDEX ON idx");
  auto r = server_->Query(ParseJson(R"({"statement":"CREATE PRIMARY INDEX ON idx"})").value());
  EXPECT_EQ(r.http_status, 409) << r.body;
  EXPECT_EQ(FirstCode(r), 4300);
}

TEST_F(RequestParams, MemoryQuotaStopsAStatementWith5500) {
  server_->MustRun("CREATE BUCKET mq");
  const std::string filler(2000, 'f');
  for (int batch = 0; batch < 4; ++batch) {
    std::string values;
    for (int i = batch * 250; i < (batch + 1) * 250; ++i) {
      values += std::string(values.empty() ? "" : ", ") + "(\"k" + std::to_string(i) +
                "\", {\"pad\": \"" + filler + "\"})";
    }
    server_->MustRun("INSERT INTO mq (KEY, VALUE) VALUES " + values);
  }
  server_->MustRun("CREATE PRIMARY INDEX ON mq");
  auto r =
      server_->Query(ParseJson(R"({"statement":"SELECT pad FROM mq","memory_quota":1})").value());
  EXPECT_EQ(r.http_status, 200) << "raised during execution, after rows were sent";
  EXPECT_EQ(r.json.Field("status"), Value("fatal")) << r.body.substr(0, 300);
  EXPECT_EQ(FirstCode(r), 5500);
  EXPECT_EQ(r.json.Field("errors").Element(0).Field("msg"),
            Value("Request has exceeded memory quota."));
  const int64_t rows = r.json.Field("metrics").Field("resultCount").AsInt();
  EXPECT_GT(rows, 0);
  EXPECT_LT(rows, 1000) << "stopped once 1 MiB of results was produced";
  auto unlimited = server_->Query(ParseJson(R"({"statement":"SELECT pad FROM mq"})").value());
  EXPECT_EQ(unlimited.json.Field("metrics").Field("resultCount"), Value(int64_t{1000}));
}

TEST_F(RequestParams, StatementsOverOneMebibyteAreRejected) {
  const std::string statement = "SELECT \"" + std::string((1 << 20) + 10, 'x') + "\"";
  auto r = server_->Query(Value(Object{{"statement", Value(statement)}}));
  EXPECT_EQ(r.http_status, 400) << r.body.substr(0, 300);
  EXPECT_EQ(FirstCode(r), 3000);
  EXPECT_NE(r.json.Field("errors").Element(0).Field("msg").AsString().find("over the limit"),
            std::string::npos)
      << r.body.substr(0, 300);
}

TEST_F(RequestParams, QueryContextResolvesUnqualifiedKeyspaces) {
  server_->MustRun("CREATE BUCKET qc");
  server_->MustRun("CREATE SCOPE qc.s");
  server_->MustRun("CREATE COLLECTION qc.s.c");
  server_->MustRun(R"(UPSERT INTO qc.s.c (KEY, VALUE) VALUES ("k", {"v": 5}))");
  auto r = server_->Query(
      ParseJson(
          R"({"statement":"SELECT RAW c.v FROM c USE KEYS \"k\"","query_context":"default:`qc`.`s`"})")
          .value());
  EXPECT_EQ(r.json.Field("results"), ParseJson("[5]").value()) << r.body;
}

}  // namespace
}  // namespace casql::testing
