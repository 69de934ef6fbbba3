// --users: every endpoint but ping needs credentials (HTTP Basic or `creds`), wrong ones are
// 401 with error 10000, a missing role is 13014 naming the role, the right role passes.
// Passwords are stored as salted PBKDF2 hashes, and the request log names every request
// without writing any credential.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/http/server_process.h"
#include "value/json.h"

namespace casql::testing {
namespace {

const char* kPassword = "s3cret pass";

std::string RunWithInput(const std::string& command, const std::string& input) {
  const std::string line = "printf '%s\\n' '" + input + "' | " + command;
  FILE* pipe = popen(line.c_str(), "r");
  std::string out;
  char buf[256];
  while (pipe && fgets(buf, sizeof(buf), pipe)) out += buf;
  if (pipe) pclose(pipe);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

httplib::Headers Basic(const std::string& user, const std::string& password) {
  return {httplib::make_basic_authentication_header(user, password)};
}

class Auth : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Every user gets a hash of their own, as an administrator would make them.
    for (int i = 0; i < 4; ++i) {
      hashes_.push_back(
          RunWithInput(std::string(CASQL_BINARY) + " hash-password --iterations 1000", kPassword));
      ASSERT_EQ(hashes_.back().rfind("pbkdf2-sha256$1000$", 0), 0u) << hashes_.back();
    }
    users_file_ = "/tmp/casql_users_" + std::to_string(getpid()) + ".json";
    log_file_ = "/tmp/casql_request_log_" + std::to_string(getpid()) + ".jsonl";
    unlink(log_file_.c_str());
    std::ofstream(users_file_)
        << R"([
      {"name": "root", "password": ")"
        << hashes_[0] << R"(", "roles": ["admin"]},
      {"name": "reader", "password": ")"
        << hashes_[1] << R"(", "roles": ["query_select[sec]", "data_reader[sec]"]},
      {"name": "writer", "password": ")"
        << hashes_[2] << R"(", "roles": ["query_select[sec]", "query_insert[sec:_default:_default]",
                                                   "data_writer[sec]"]},
      {"name": "outsider", "password": ")"
        << hashes_[3] << R"(", "roles": ["query_select[elsewhere]", "data_reader[elsewhere]"]}
    ])";
    server_ = new ServerProcess(
        {"--memory", "--bucket", "sec", "--users", users_file_, "--log-file", log_file_});
    auto r = Run("root", kPassword, "CREATE PRIMARY INDEX ON sec");
    ASSERT_EQ(r.json.Field("status"), Value("success")) << r.body;
  }
  static void TearDownTestSuite() {
    delete server_;
    unlink(users_file_.c_str());
    unlink(log_file_.c_str());
  }
  static ServerProcess::Response Run(const std::string& user, const std::string& password,
                                     const std::string& statement) {
    return server_->Send("POST", "/query/service",
                         ToJson(Value(Object{{"statement", Value(statement)}})), "application/json",
                         Basic(user, password));
  }
  static int Code(const ServerProcess::Response& r) {
    const Value& errors = r.json.Field("errors");
    const Value& code = errors.IsArray() ? errors.Element(0).Field("code") : r.json.Field("code");
    return code.IsNumber() ? static_cast<int>(code.AsInt()) : -1;
  }
  static std::string ReadLog() {
    std::ifstream in(log_file_);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  // The log line of the request `requestID` names; MISSING when there is none.
  static Value LogLineOf(const ServerProcess::Response& r) {
    const Value& id = r.json.Field("requestID");
    std::istringstream lines(ReadLog());
    std::string line;
    while (std::getline(lines, line)) {
      auto parsed = ParseJson(line);
      EXPECT_TRUE(parsed.ok()) << "every log line is one JSON object: " << line;
      if (parsed.ok() && parsed->Field("requestID") == id) return parsed.value();
    }
    return Value();
  }
  static ServerProcess* server_;
  static std::string users_file_;
  static std::string log_file_;
  static std::vector<std::string> hashes_;
};

ServerProcess* Auth::server_ = nullptr;
std::string Auth::users_file_;
std::string Auth::log_file_;
std::vector<std::string> Auth::hashes_;

TEST_F(Auth, PingNeedsNoCredentials) {
  EXPECT_EQ(server_->Get("/admin/ping").http_status, 200);
}

TEST_F(Auth, QueryServiceChecksCredentialsAndRoles) {
  auto none = server_->Query(ParseJson(R"({"statement":"SELECT 1"})").value());
  EXPECT_EQ(none.http_status, 401);
  EXPECT_EQ(Code(none), 10000);
  EXPECT_EQ(none.json.Field("status"), Value("fatal"));
  auto wrong = server_->Send("POST", "/query/service",
                             R"({"statement":"SELECT 1","client_context_id":"c1"})",
                             "application/json", Basic("reader", "nope"));
  EXPECT_EQ(wrong.http_status, 401);
  EXPECT_EQ(Code(wrong), 10000);
  EXPECT_EQ(wrong.json.Field("clientContextID"), Value("c1"));
  EXPECT_TRUE(wrong.json.Field("results").IsMissing());
  auto unknown = Run("nobody", kPassword, "SELECT 1");
  EXPECT_EQ(unknown.http_status, 401);
  EXPECT_EQ(Code(unknown), 10000);

  auto missing = Run("outsider", kPassword, "SELECT * FROM sec");
  EXPECT_EQ(missing.http_status, 401) << missing.body;
  EXPECT_EQ(Code(missing), 13014);
  EXPECT_EQ(missing.json.Field("errors").Element(0).Field("msg"),
            Value("User does not have credentials to run SELECT queries on default:sec. Add "
                  "role query_select on default:sec to allow the statement to run."));
  auto insert = Run("reader", kPassword, R"(INSERT INTO sec (KEY, VALUE) VALUES ("r", 1))");
  EXPECT_EQ(Code(insert), 13014);
  EXPECT_NE(insert.json.Field("errors").Element(0).Field("msg").AsString().find(
                "Add role query_insert on default:sec"),
            std::string::npos)
      << insert.body;
  auto ddl = Run("writer", kPassword, "CREATE BUCKET other");
  EXPECT_EQ(Code(ddl), 13014);

  auto allowed = Run("writer", kPassword, R"(UPSERT INTO sec (KEY, VALUE) VALUES ("w", 1))");
  EXPECT_EQ(Code(allowed), 13014) << "UPSERT also needs query_update, which writer lacks";
  auto inserted = Run("writer", kPassword, R"(INSERT INTO sec (KEY, VALUE) VALUES ("w", 1))");
  EXPECT_EQ(inserted.json.Field("status"), Value("success")) << inserted.body;
  auto read = Run("reader", kPassword, "SELECT RAW s FROM sec s");
  EXPECT_EQ(read.json.Field("results"), ParseJson("[1]").value()) << read.body;
  auto no_keyspace = Run("outsider", kPassword, "SELECT 1 AS one");
  EXPECT_EQ(no_keyspace.json.Field("status"), Value("success")) << no_keyspace.body;
}

TEST_F(Auth, CredsParameterAuthenticatesLikeBasic) {
  auto good = server_->Query(Value(Object{
      {"statement", Value("SELECT RAW 1")},
      {"creds",
       Value(Array{Value(Object{{"user", Value("reader")}, {"pass", Value(kPassword)}})})}}));
  EXPECT_EQ(good.json.Field("status"), Value("success")) << good.body;
  auto bad = server_->Query(Value(Object{
      {"statement", Value("SELECT RAW 1")},
      {"creds", Value(Array{Value(Object{{"user", Value("reader")}, {"pass", Value("x")}})})}}));
  EXPECT_EQ(bad.http_status, 401);
  EXPECT_EQ(Code(bad), 10000);
}

TEST_F(Auth, AdminEndpointsNeedTheAdminRole) {
  for (const char* path :
       {"/admin/vitals", "/admin/active_requests", "/admin/completed_requests", "/metrics"}) {
    auto none = server_->Get(path);
    EXPECT_EQ(none.http_status, 401) << path;
    EXPECT_EQ(Code(none), 10000) << path << " " << none.body;
    auto wrong = server_->Send("GET", path, "", "", Basic("root", "wrong"));
    EXPECT_EQ(wrong.http_status, 401) << path;
    EXPECT_EQ(Code(wrong), 10000) << path;
    auto missing = server_->Send("GET", path, "", "", Basic("reader", kPassword));
    EXPECT_EQ(missing.http_status, 401) << path;
    EXPECT_EQ(Code(missing), 13014) << path << " " << missing.body;
    auto right = server_->Send("GET", path, "", "", Basic("root", kPassword));
    EXPECT_EQ(right.http_status, 200) << path << " " << right.body;
  }
}

TEST_F(Auth, KvRestNeedsDataRoles) {
  const std::string doc = "/kv/sec/_default/_default/kv1";
  auto none = server_->Send("GET", doc);
  EXPECT_EQ(none.http_status, 401);
  EXPECT_EQ(Code(none), 10000);
  auto wrong = server_->Send("PUT", doc, "{}", "application/json", Basic("writer", "bad"));
  EXPECT_EQ(wrong.http_status, 401);
  auto reader_writes =
      server_->Send("PUT", doc, "{}", "application/json", Basic("reader", kPassword));
  EXPECT_EQ(reader_writes.http_status, 403) << reader_writes.body;
  EXPECT_EQ(reader_writes.json.Field("status"), Value("EACCESS"));
  auto outsider_reads = server_->Send("GET", doc, "", "", Basic("outsider", kPassword));
  EXPECT_EQ(outsider_reads.http_status, 403);
  auto written =
      server_->Send("PUT", doc, R"({"ok":true})", "application/json", Basic("writer", kPassword));
  EXPECT_EQ(written.http_status, 200) << written.body;
  auto read = server_->Send("GET", doc, "", "", Basic("reader", kPassword));
  EXPECT_EQ(read.http_status, 200) << read.body;
  EXPECT_EQ(read.json, ParseJson(R"({"ok":true})").value());
}

// The routes the tests above do not reach, each without credentials, with a wrong password,
// with a malformed Authorization header, as a user without the role, and with the role.
TEST_F(Auth, EveryOtherRouteChecksCredentialsAndRoles) {
  struct Route {
    std::string method, path, body;
    std::string lacking, holding;  // users without and with the role the route needs
    int refused, allowed;          // HTTP status for `lacking` and for `holding`
  };
  const std::string kv = "/kv/sec/_default/_default/";
  const std::vector<Route> routes = {
      {"GET", "/query/service?statement=SELECT%20RAW%20COUNT(*)%20FROM%20sec", "", "outsider",
       "reader", 401, 200},
      {"POST", "/query", R"({"statement":"SELECT RAW COUNT(*) FROM sec"})", "outsider", "reader",
       401, 200},
      {"POST", kv + "route-insert", "{}", "reader", "writer", 403, 201},
      {"GET", kv + "route-insert", "", "outsider", "reader", 403, 200},
      {"POST", kv + "route-insert/touch?expiry=0", "", "reader", "writer", 403, 200},
      // Get-and-lock is a read: data_reader, as in Couchbase.
      {"POST", kv + "route-insert/lock?seconds=1", "", "outsider", "reader", 403, 200},
      {"DELETE", kv + "route-insert", "", "reader", "root", 403, 423},
  };
  for (const Route& r : routes) {
    SCOPED_TRACE(r.method + " " + r.path);
    auto send = [&](const httplib::Headers& headers) {
      return server_->Send(r.method, r.path, r.body, "application/json", headers);
    };
    auto none = send({});
    EXPECT_EQ(none.http_status, 401) << none.body;
    EXPECT_EQ(Code(none), 10000) << none.body;
    auto wrong = send(Basic(r.holding, "not the password"));
    EXPECT_EQ(wrong.http_status, 401) << wrong.body;
    EXPECT_EQ(Code(wrong), 10000) << wrong.body;
    auto malformed = send({{"Authorization", "Bearer abc"}});
    EXPECT_EQ(malformed.http_status, 401) << malformed.body;
    EXPECT_EQ(Code(malformed), 10000) << malformed.body;
    // Neither the password nor the user's existence shows in the refusal.
    EXPECT_EQ(wrong.body.find("not the password"), std::string::npos) << wrong.body;
    auto lacking = send(Basic(r.lacking, kPassword));
    EXPECT_EQ(lacking.http_status, r.refused) << lacking.body;
    auto holding = send(Basic(r.holding, kPassword));
    EXPECT_EQ(holding.http_status, r.allowed) << holding.body;
  }
}

TEST_F(Auth, TheSamePasswordIsStoredWithADifferentSaltEachTime) {
  // pbkdf2-sha256$<iterations>$<salt>$<key>: the salts differ, so the keys do too, and each
  // hash still lets its user in with the one password.
  std::set<std::string> salts, keys;
  for (const std::string& hash : hashes_) {
    const size_t salt_at = hash.find('$', hash.find('$') + 1) + 1;
    const size_t key_at = hash.find('$', salt_at) + 1;
    ASSERT_NE(key_at, 0u) << hash;
    salts.insert(hash.substr(salt_at, key_at - 1 - salt_at));
    keys.insert(hash.substr(key_at));
    EXPECT_EQ(hash.find(kPassword), std::string::npos) << hash;
  }
  EXPECT_EQ(salts.size(), hashes_.size());
  EXPECT_EQ(keys.size(), hashes_.size());
  for (const char* user : {"root", "reader", "writer", "outsider"}) {
    EXPECT_EQ(Run(user, kPassword, "SELECT 1").json.Field("status"), Value("success")) << user;
    EXPECT_EQ(Code(Run(user, std::string(kPassword) + "x", "SELECT 1")), 10000) << user;
  }
}

TEST_F(Auth, RequestLogNamesEachRequestAndHoldsNoCredentials) {
  const std::string secret_arg = "named-arg-secret-42";
  auto basic = server_->Send("POST", "/query/service",
                             R"({"statement":"SELECT 1 AS one","client_context_id":"log-basic"})",
                             "application/json", Basic("reader", kPassword));
  ASSERT_EQ(basic.json.Field("status"), Value("success")) << basic.body;
  auto creds = server_->Query(Value(Object{
      {"statement", Value("SELECT $password IS VALUED AS given")},
      {"$password", Value(secret_arg)},
      {"client_context_id", Value("log-creds")},
      {"creds",
       Value(Array{Value(Object{{"user", Value("reader")}, {"pass", Value(kPassword)}})})}}));
  ASSERT_EQ(creds.json.Field("status"), Value("success")) << creds.body;
  auto syntax = Run("reader", kPassword, "SELEC 1");
  ASSERT_EQ(syntax.json.Field("status"), Value("fatal")) << syntax.body;
  auto wrong = server_->Send("POST", "/query/service",
                             R"({"statement":"SELECT 2","client_context_id":"log-wrong"})",
                             "application/json", Basic("reader", "wrong password 7"));
  ASSERT_EQ(wrong.http_status, 401) << wrong.body;

  const Value basic_line = LogLineOf(basic);
  ASSERT_TRUE(basic_line.IsObject()) << ReadLog();
  EXPECT_EQ(basic_line.Field("clientContextID"), Value("log-basic"));
  EXPECT_EQ(basic_line.Field("users"), Value("reader"));
  EXPECT_EQ(basic_line.Field("httpStatus"), Value(200));
  EXPECT_EQ(basic_line.Field("status"), Value("success"));
  EXPECT_EQ(basic_line.Field("resultCount"), Value(1));
  EXPECT_EQ(basic_line.Field("errors"), Value(Array{}));
  EXPECT_EQ(basic_line.Field("statement"), Value("SELECT 1 AS one"));
  EXPECT_TRUE(basic_line.Field("elapsedTime").IsString());
  EXPECT_TRUE(basic_line.Field("time").IsString());

  const Value creds_line = LogLineOf(creds);
  ASSERT_TRUE(creds_line.IsObject()) << ReadLog();
  EXPECT_EQ(creds_line.Field("clientContextID"), Value("log-creds"));
  EXPECT_EQ(creds_line.Field("statement"), Value("SELECT $password IS VALUED AS given"));

  const Value syntax_line = LogLineOf(syntax);
  ASSERT_TRUE(syntax_line.IsObject()) << ReadLog();
  EXPECT_EQ(syntax_line.Field("status"), Value("fatal"));
  EXPECT_EQ(syntax_line.Field("httpStatus"), Value(syntax.http_status));
  EXPECT_EQ(syntax_line.Field("errors"), Value(Array{Value(Code(syntax))}));
  EXPECT_EQ(Code(syntax), 3000) << syntax.body;

  const Value wrong_line = LogLineOf(wrong);
  ASSERT_TRUE(wrong_line.IsObject()) << ReadLog();
  EXPECT_EQ(wrong_line.Field("httpStatus"), Value(401));
  EXPECT_EQ(wrong_line.Field("errors"), Value(Array{Value(10000)}));
  EXPECT_EQ(wrong_line.Field("clientContextID"), Value("log-wrong"));
  EXPECT_EQ(wrong_line.Field("statement"), Value("SELECT 2"));

  const std::string log = ReadLog();
  const std::string authorization =
      httplib::make_basic_authentication_header("reader", kPassword).second;
  EXPECT_EQ(log.find(kPassword), std::string::npos) << log;
  EXPECT_EQ(log.find("wrong password 7"), std::string::npos) << log;
  EXPECT_EQ(log.find(authorization.substr(authorization.find(' ') + 1)), std::string::npos) << log;
  EXPECT_EQ(log.find(secret_arg), std::string::npos) << log;
  EXPECT_EQ(log.find("pbkdf2"), std::string::npos) << log;
}

TEST_F(Auth, BadUsersFilesAndOpenAddressesWithoutUsersRefuseToStart) {
  const std::string bad = users_file_ + ".bad";
  std::ofstream(bad) << R"([{"name": "x", "password": "plaintext", "roles": ["admin"]}])";
  auto plain = ServerProcess::FailToStart({"--memory", "--port", "0", "--users", bad});
  EXPECT_NE(plain.exit_status, 0);
  EXPECT_NE(plain.stderr_text.find("casql hash-password"), std::string::npos) << plain.stderr_text;
  std::ofstream(bad) << R"([{"name": "x", "password": "pbkdf2-sha256$1000$00$)"
                     << std::string(64, '0') << R"(", "roles": ["superuser"]}])";
  auto role = ServerProcess::FailToStart({"--memory", "--port", "0", "--users", bad});
  EXPECT_NE(role.exit_status, 0);
  EXPECT_NE(role.stderr_text.find("unknown role 'superuser'"), std::string::npos)
      << role.stderr_text;
  unlink(bad.c_str());
  auto open = ServerProcess::FailToStart({"--memory", "--port", "0", "--host", "0.0.0.0"});
  EXPECT_NE(open.exit_status, 0);
  EXPECT_NE(open.stderr_text.find("without --users"), std::string::npos) << open.stderr_text;
}

}  // namespace
}  // namespace casql::testing
