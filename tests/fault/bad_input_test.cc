// Hostile requests against a real `casql serve` with a data directory: each case has the
// HTTP status and error code casql must answer with. Many carry an INSERT as their statement,
// so a request that is rejected but still executes shows up in the final document count.
// After the corpus the server must still answer /admin/ping and ordinary queries.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "tests/fault/child_server.h"
#include "tests/fault/raw_http.h"
#include "value/json.h"

namespace casql::testing {
namespace {

constexpr const char* kJson = "application/json";
// The INSERT a rejected request must never run; every run would add a document.
constexpr const char* kInsert = R"(INSERT INTO hostile (KEY, VALUE) VALUES (UUID(), {\"x\": 1}))";

struct Case {
  std::string name;
  std::string content_type;
  std::string body;
  int status;
  int code;  // the first error's code; 0: the request succeeds
};

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::string Body(const std::string& statement_json_text, const std::string& more = "") {
  return "{\"statement\":\"" + statement_json_text + "\"" + (more.empty() ? "" : "," + more) + "}";
}

std::vector<Case> MalformedBodies() {
  std::vector<Case> cases;
  // Every proper prefix of a valid body is truncated JSON.
  const std::string valid = std::string(R"({"statement":")") + kInsert +
                            R"(","args":[1,"x",true,null,{"a":1.5e3}],"timeout":"5s"})";
  for (size_t n = 0; n < valid.size(); ++n) {
    cases.push_back({"truncated at " + std::to_string(n), kJson, valid.substr(0, n), 400, 1040});
  }
  for (const char* body : {"{",
                           "}",
                           "[",
                           "]",
                           "null",
                           "[]",
                           "123",
                           "\"SELECT 1\"",
                           "true",
                           "{'statement':'SELECT 1'}",
                           "{\"statement\":SELECT}",
                           "{\"statement\":\"x\",}",
                           "{,}",
                           "{\"statement\" \"x\"}",
                           "{\"a\":NaN}",
                           "{\"a\":Infinity}",
                           "{\"a\":-}",
                           "{\"a\":01}",
                           "{\"a\":1.}",
                           "{\"a\":.5}",
                           "{\"a\":0x10}",
                           "{\"a\":tru}",
                           "{\"a\":nul}",
                           "{\"a\":\"\\x41\"}",
                           "{\"a\":\"\\u12\"}",
                           "{\"a\":\"\\ud800\"}",
                           "{\"a\":\"\\udc00\"}",
                           "{\"a\":\"tab\there\"}",
                           "{\"a\":1} {}",
                           "{\"a\":1}]",
                           "statement=SELECT 1",
                           "/* */ {}",
                           "\xef\xbb\xbf{}",
                           "{\"a\":[1,]}",
                           "{\"a\":[,1]}",
                           "{\"a\" : {\"b\" : }}",
                           "{\"a\":\"unterminated}"}) {
    cases.push_back({std::string("malformed ") + body, kJson, body, 400, 1040});
  }
  // Invalid UTF-8 inside a string, NUL bytes inside and after the document.
  for (const char* bad : {"\xff", "\xfe", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xe2\x82",
                          "\xf8\x88\x80\x80\x80", "\x80", "\xf4\x90\x80\x80"}) {
    cases.push_back({"invalid UTF-8 " + std::to_string(static_cast<unsigned char>(bad[0])), kJson,
                     Body(std::string("SELECT ") + bad), 400, 1040});
  }
  cases.push_back(
      {"raw NUL in a string", kJson, std::string("{\"statement\":\"SELECT 1\0\"}", 23), 400, 1040});
  cases.push_back({"NUL after the object", kJson, std::string("{\"statement\":\"SELECT 1\"}\0", 25),
                   400, 1040});
  cases.push_back({"NUL before the object", kJson, std::string("\0{}", 3), 400, 1040});
  // JSON nesting in the request body beyond the reader's limit (512), in arguments that
  // would become a document.
  const std::string deep_array = Repeat("[", 100000) + Repeat("]", 100000);
  cases.push_back({"100000-deep array argument", kJson,
                   Body("INSERT INTO hostile (KEY, VALUE) VALUES ('deep', $1)",
                        "\"args\":[" + deep_array + "]"),
                   400, 1040});
  cases.push_back({"100000-deep object argument", kJson,
                   Body("INSERT INTO hostile (KEY, VALUE) VALUES ('deep', $d)",
                        "\"$d\":" + Repeat("{\"a\":", 100000) + "1" + Repeat("}", 100000)),
                   400, 1040});
  return cases;
}

std::vector<Case> Parameters() {
  std::vector<Case> cases;
  for (int i = 0; i < 40; ++i) {
    cases.push_back({"unknown parameter " + std::to_string(i), kJson,
                     Body(kInsert, "\"no_such_param_" + std::to_string(i) + "\":1"), 400, 1065});
  }
  for (const char* name : {"statment", "stmt", "query", "q", "durability", "timeout_ms", "limit"}) {
    cases.push_back({std::string("misspelt parameter ") + name, kJson,
                     Body(kInsert, "\"" + std::string(name) + "\":\"x\""), 400, 1065});
  }
  // Parameter names are case-insensitive, so these are the same parameter twice.
  cases.push_back(
      {"statement twice by case", kJson, Body(kInsert, "\"STATEMENT\":\"SELECT 1\""), 400, 1060});
  cases.push_back(
      {"$ and @ name the same argument", kJson, Body(kInsert, "\"$a\":1,\"@a\":2"), 400, 1060});
  cases.push_back(
      {"timeout twice", kJson, Body(kInsert, "\"timeout\":\"1s\",\"TimeOut\":\"2s\""), 400, 1060});
  // Wrong types (1070) and unrecognised values (1030).
  const std::vector<std::pair<std::string, int>> wrong = {
      {"\"statement\":1", 1070},
      {"\"statement\":null", 1070},
      {"\"statement\":[]", 1070},
      {"\"statement\":{}", 1070},
      {"\"statement\":true", 1070},
      {"\"pretty\":\"yes\"", 1070},
      {"\"pretty\":1", 1070},
      {"\"metrics\":null", 1070},
      {"\"readonly\":\"false\"", 1070},
      {"\"signature\":[]", 1070},
      {"\"timeout\":5", 1070},
      {"\"timeout\":\"5 parsecs\"", 1070},
      {"\"timeout\":\"\"", 1070},
      {"\"kvtimeout\":[1]", 1070},
      {"\"args\":{}", 1070},
      {"\"args\":\"[1]\"", 1070},
      {"\"args\":1", 1070},
      {"\"client_context_id\":7", 1070},
      {"\"query_context\":1", 1070},
      {"\"scan_consistency\":\"sometimes\"", 1030},
      {"\"scan_consistency\":1", 1070},
      {"\"durability_level\":\"always\"", 1030},
      {"\"durability_level\":2", 1070},
      {"\"cas_retries\":-1", 1030},
      {"\"cas_retries\":1001", 1030},
      {"\"cas_retries\":\"many\"", 1070},
      {"\"cas_retries\":[]", 1070},
      {"\"max_parallelism\":\"x\"", 1070},
      {"\"scan_cap\":{}", 1070},
      {"\"format\":1", 1070},
      {"\"client_context_id\":\"a\\\"b\"", 1110}};
  for (const auto& [param, code] : wrong) {
    const bool replaces_statement = param.rfind("\"statement\"", 0) == 0;
    std::string body = replaces_statement ? "{" + param + "}" : Body(kInsert, param);
    cases.push_back({"parameter " + param, kJson, body, 400, code});
  }
  // Every JSON type for a boolean parameter, but the boolean.
  for (const char* p : {"pretty", "metrics", "signature", "readonly", "preserve_expiry"}) {
    for (const char* v : {"0", "\"true\"", "null", "[true]", "{}"}) {
      cases.push_back({std::string(p) + "=" + v, kJson,
                       Body(kInsert, "\"" + std::string(p) + "\":" + v), 400, 1070});
    }
  }
  cases.push_back({"no statement", kJson, "{}", 400, 1050});
  cases.push_back({"only unknown named argument", kJson, "{\"$x\":1}", 400, 1050});
  return cases;
}

std::vector<Case> ContentTypes() {
  const std::string form = "statement=SELECT%201";
  return {
      // Any other content type sends the statement as the raw body (as Couchbase does), so
      // a JSON document there is a statement with a syntax error, never run as parameters.
      {"JSON body as text/plain", "text/plain", Body(kInsert), 400, 3000},
      {"JSON body as application/xml", "application/xml", Body(kInsert), 400, 3000},
      {"JSON body as octet-stream", "application/octet-stream", Body(kInsert), 400, 3000},
      {"JSON body with no content type", "", Body(kInsert), 400, 3000},
      {"raw statement as text/plain", "text/plain", "SELECT 1", 200, 0},
      {"form body sent as JSON", kJson, form, 400, 1040},
      {"content type case-insensitive", "APPLICATION/JSON", Body("SELECT 1"), 200, 0},
      {"content type with parameters", "application/json; charset=utf-8", Body("SELECT 1"), 200, 0},
      {"form body", "application/x-www-form-urlencoded", form, 200, 0},
  };
}

std::vector<Case> Statements() {
  std::vector<Case> cases;
  const size_t deep = 100000;
  cases.push_back({"100000-deep parentheses", kJson,
                   Body("SELECT " + Repeat("(", deep) + "1" + Repeat(")", deep)), 400, 3000});
  cases.push_back({"100000-deep array literal", kJson,
                   Body("SELECT " + Repeat("[", deep) + "1" + Repeat("]", deep)), 400, 3000});
  cases.push_back({"100000-deep object literal", kJson,
                   Body("SELECT " + Repeat("{\\\"a\\\":", deep) + "1" + Repeat("}", deep)), 400,
                   3000});
  cases.push_back(
      {"100000-deep NOT", kJson, Body("SELECT " + Repeat("NOT ", deep) + "true"), 400, 3000});
  cases.push_back(
      {"100000-deep unary minus", kJson, Body("SELECT " + Repeat("-", deep) + "1"), 400, 3000});
  cases.push_back({"1000-deep document in an INSERT", kJson,
                   Body("INSERT INTO hostile (KEY, VALUE) VALUES ('deep', " + Repeat("[", 1000) +
                        Repeat("]", 1000) + ")"),
                   400, 3000});
  cases.push_back({"300000-term sum", kJson, Body("SELECT 1" + Repeat("+1", 300000)), 400, 3000});
  cases.push_back(
      {"100000 AND terms", kJson, Body("SELECT true" + Repeat(" AND true", 100000)), 400, 3000});
  cases.push_back({"1 MiB string literal", kJson,
                   Body("SELECT \\\"" + std::string(1 << 20, 'a') + "\\\" AS s"), 400, 3000});
  cases.push_back({"2 MiB of garbage", kJson, Body(std::string(2 << 20, '@')), 400, 3000});
  cases.push_back({"1 MiB of whitespace", kJson, Body("SELECT 1" + std::string((1 << 20) + 1, ' ')),
                   400, 3000});
  cases.push_back({"NUL outside a literal", kJson, Body("SELECT 1\\u0000"), 400, 3000});
  cases.push_back({"empty statement", kJson, Body(""), 400, 3000});
  cases.push_back({"only a comment", kJson, Body("/* */"), 400, 3000});
  cases.push_back({"unterminated string", kJson, Body("SELECT 'abc"), 400, 3000});
  cases.push_back({"unterminated comment", kJson, Body("SELECT 1 /* x"), 400, 3000});
  cases.push_back({"LIMIT -1", kJson, Body("SELECT 1 LIMIT -1"), 500, 5010});
  cases.push_back({"LIMIT of a string", kJson, Body("SELECT 1 LIMIT 'a'"), 500, 5010});
  cases.push_back({"INSERT into a missing keyspace", kJson,
                   Body("INSERT INTO nowhere (KEY, VALUE) VALUES ('k', {})"), 404, 12003});
  // Generated syntax errors: a valid statement with one token replaced by garbage.
  const std::vector<std::string> garbage = {"@", "#", "`", ";;", "$", "?", "!", "\\\\", "^", "~~"};
  const std::vector<std::string> tokens = {"INSERT", "INTO",     "hostile",     "(KEY,", "VALUE)",
                                           "VALUES", "(UUID(),", "{\\\"x\\\":", "1})"};
  for (size_t t = 0; t < tokens.size(); ++t) {
    for (const std::string& g : garbage) {
      std::string statement;
      for (size_t i = 0; i < tokens.size(); ++i) statement += (i == t ? g : tokens[i]) + " ";
      cases.push_back({"garbage token: " + statement, kJson, Body(statement), 400, 3000});
    }
  }
  return cases;
}

// Requests that are well-formed and must succeed with an exact, sane answer.
struct Answer {
  std::string statement;
  std::string results;  // the expected "results" as JSON text
};

std::vector<Answer> EdgeAnswers() {
  return {
      {"SELECT 9223372036854775807 + 1 AS x", R"([{"x":9223372036854775808}])"},
      {"SELECT -9223372036854775807 - 2 AS x", R"([{"x":-9223372036854775809}])"},
      {"SELECT 9223372036854775807 * 2 AS x", R"([{"x":18446744073709551614}])"},
      {"SELECT -9223372036854775808 / -1 AS x", R"([{"x":9223372036854775808}])"},
      {"SELECT 1 / 0 AS x", R"([{"x":null}])"},
      {"SELECT 1 % 0 AS x", R"([{"x":null}])"},
      {"SELECT 99999999999999999999999 AS x", R"([{"x":1e23}])"},
      {"SELECT 1 AS x LIMIT 9223372036854775807", R"([{"x":1}])"},
      {"SELECT 1 AS x OFFSET 9223372036854775807", R"([])"},
      {"SELECT 1 AS x LIMIT 0", R"([])"},
      {"SELECT 1 AS x LIMIT 99999999999999999999", R"([{"x":1}])"},
      {"SELECT 1 AS x LIMIT 1e300", R"([{"x":1}])"},
      {"SELECT 1 AS x OFFSET 99999999999999999999", R"([])"},
      {"SELECT \"a\\u0000b\" AS s", R"([{"s":"a\u0000b"}])"},
      {"SELECT LENGTH(\"é\") AS n", R"([{"n":2}])"},
  };
}

class BadInputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                     ("casql-hostile-" + std::to_string(getpid())));
    server_ = new ChildServer(dir_->string());
    server_->Start();
    server_->MustRun("CREATE BUCKET hostile");
    server_->MustRun("CREATE PRIMARY INDEX ON hostile");
    server_->MustRun(R"(INSERT INTO hostile (KEY, VALUE) VALUES ("seed", {"x": 0}))");
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server_->Stop(), 0) << "the server must still shut down cleanly";
    delete server_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  static void RunCorpus(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
      SCOPED_TRACE(c.name.substr(0, 200));
      ChildServer::Reply r = server_->Post("/query/service", c.body, c.content_type);
      ASSERT_NE(r.http_status, 0) << "no answer: the server crashed or hung";
      EXPECT_EQ(r.http_status, c.status) << r.body.substr(0, 500);
      if (c.code == 0) {
        EXPECT_EQ(r.json.Field("status"), Value("success")) << r.body.substr(0, 500);
      } else {
        EXPECT_EQ(r.json.Field("errors").Element(0).Field("code"), Value(int64_t{c.code}))
            << r.body.substr(0, 500);
      }
    }
    ExpectOnlySeed();
  }

  // Nothing a rejected request carried was written.
  static void ExpectOnlySeed() {
    Value r = server_->MustRun("SELECT RAW META().id FROM hostile");
    EXPECT_EQ(r.Field("results"), ParseJson(R"(["seed"])").value());
  }

  static std::filesystem::path* dir_;
  static ChildServer* server_;
};

std::filesystem::path* BadInputTest::dir_ = nullptr;
ChildServer* BadInputTest::server_ = nullptr;

TEST_F(BadInputTest, MalformedBodiesAre1040) {
  RunCorpus(MalformedBodies());
}

TEST_F(BadInputTest, BadParametersAreRejectedBeforeExecution) {
  RunCorpus(Parameters());
}

TEST_F(BadInputTest, ContentTypes) {
  RunCorpus(ContentTypes());
}

TEST_F(BadInputTest, HostileStatements) {
  RunCorpus(Statements());
}

TEST_F(BadInputTest, ArithmeticAndLimitEdgesAnswerExactly) {
  for (const Answer& a : EdgeAnswers()) {
    Value r = server_->MustRun(a.statement);
    EXPECT_EQ(r.Field("results"), ParseJson(a.results).value()) << a.statement;
  }
}

TEST_F(BadInputTest, OversizeKeysAndDocumentsAreNotStored) {
  const std::string long_key(251, 'k');
  ChildServer::Reply r = server_->Query(
      Value(Object{{"statement", Value("INSERT INTO hostile (KEY, VALUE) VALUES ($1, {})")},
                   {"args", Value(Array{Value(long_key)})}}));
  EXPECT_EQ(r.http_status, 200) << r.body.substr(0, 300);
  EXPECT_EQ(r.json.Field("status"), Value("errors"));
  EXPECT_EQ(r.json.Field("errors").Element(0).Field("code"), Value(int64_t{12009}));
  r = server_->Query(
      Value(Object{{"statement", Value("INSERT INTO hostile (KEY, VALUE) VALUES ('big', $1)")},
                   {"args", Value(Array{Value(std::string(21 << 20, 'x'))})}}));
  EXPECT_EQ(r.http_status, 200) << r.body.substr(0, 300);
  EXPECT_EQ(r.json.Field("errors").Element(0).Field("code"), Value(int64_t{12009}));
  EXPECT_NE(r.body.find("E2BIG"), std::string::npos) << r.body.substr(0, 300);
  ExpectOnlySeed();
}

TEST_F(BadInputTest, AcceptOnlyJsonIs406) {
  ChildServer::Reply r =
      server_->Post("/query/service", Body(kInsert), kJson, {{"Accept", "text/html"}});
  EXPECT_EQ(r.http_status, 406);
  EXPECT_EQ(r.json.Field("errors").Element(0).Field("code"), Value(int64_t{1120}));
  ExpectOnlySeed();
}

TEST_F(BadInputTest, BodyOverThe64MiBCapIs413) {
  const std::string body = Body(kInsert) + std::string((64u << 20) + 1, ' ');
  EXPECT_EQ(RawHttpStatus(server_->port(),
                          "POST /query/service HTTP/1.1\r\nHost: x\r\nContent-Type: "
                          "application/json\r\nContent-Length: " +
                              std::to_string(body.size()) + "\r\n\r\n" + body),
            413);
  ExpectOnlySeed();
}

TEST_F(BadInputTest, BrokenHttpFramingIs4xx) {
  const std::string head =
      "POST /query/service HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
  const std::string insert = Body(kInsert);
  const int port = server_->port();
  EXPECT_EQ(RawHttpStatus(port, "HELLO\r\n\r\n"), 400);
  EXPECT_EQ(RawHttpStatus(port, std::string("GET /admin/\0ping HTTP/1.1\r\nHost: x\r\n\r\n", 37)),
            400);
  EXPECT_EQ(RawHttpStatus(port, head + "Content-Length: -1\r\n\r\n" + insert), 413);
  EXPECT_EQ(RawHttpStatus(port, head + "Content-Length: 99999999999999999999\r\n\r\n"), 413);
  EXPECT_EQ(RawHttpStatus(port, head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n"), 400);
  EXPECT_EQ(RawHttpStatus(port, "POST /query/service HTTP/1.1\r\nX-A: " +
                                    std::string(1 << 20, 'a') + "\r\n\r\n"),
            400);
  EXPECT_EQ(RawHttpStatus(port, "GET /query/service?statement=" + std::string(100000, 'a') +
                                    " HTTP/1.1\r\nHost: x\r\n\r\n"),
            414);
  // A body shorter than its Content-Length: the server answers 400 once its read times out.
  EXPECT_EQ(RawHttpStatus(port, head + "Content-Length: 1000\r\n\r\n" + insert), 400);
  ExpectOnlySeed();
}

TEST_F(BadInputTest, HeaderFloodDoesNotTakeTheServerDown) {
  // cpp-httplib has no header count limit: 100,000 short headers are read and the request
  // runs. What matters here is that the server survives it and answers the next request.
  std::string request = "POST /query/service HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 100000; ++i) request += "X-H" + std::to_string(i) + ": v\r\n";
  const std::string body = Body("SELECT 1");
  request += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
             "\r\n\r\n" + body;
  EXPECT_EQ(RawHttpStatus(server_->port(), request), 200);
  EXPECT_EQ(server_->Get("/admin/ping").http_status, 200);
}

TEST_F(BadInputTest, SlowlorisDoesNotBlockOthers) {
  std::vector<std::unique_ptr<SlowClient>> slow;
  for (int i = 0; i < 16; ++i) slow.push_back(std::make_unique<SlowClient>(server_->port()));
  for (int round = 0; round < 20; ++round) {
    for (auto& s : slow) ASSERT_TRUE(s->Drip());
    ChildServer::Reply r = server_->Query(Value(Object{{"statement", Value("SELECT 1 AS x")}}));
    ASSERT_EQ(r.http_status, 200) << "a slow client blocked an ordinary one";
  }
  // Once they stop sending, the server's read timeout (5 s) frees their threads.
  for (auto& s : slow) EXPECT_TRUE(s->ClosedByServerWithin(std::chrono::seconds(15)));
}

TEST_F(BadInputTest, ServerStillServesAfterTheCorpus) {
  EXPECT_EQ(server_->Get("/admin/ping").json, ParseJson(R"({"status":"OK"})").value());
  Value r = server_->MustRun("SELECT h.x FROM hostile h WHERE META(h).id = 'seed'");
  EXPECT_EQ(r.Field("results"), ParseJson(R"([{"x":0}])").value());
}

}  // namespace
}  // namespace casql::testing
