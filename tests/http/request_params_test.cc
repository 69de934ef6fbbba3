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

}  // namespace
}  // namespace casql::testing
