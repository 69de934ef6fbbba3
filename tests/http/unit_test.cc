// In-process tests of the HTTP module's pieces: password hashes, users files and roles, the
// privileges a statement needs, the request registry and log, and the shell's statement
// splitter.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include "cli/statement_splitter.h"
#include "executor/datastore.h"
#include "http/auth.h"
#include "http/memory_trimmer.h"
#include "http/password_hash.h"
#include "http/query_request.h"
#include "http/request_log.h"
#include "http/request_registry.h"
#include "http/statement_privileges.h"
#include "parser/parser.h"
#include "planner/planner.h"
#include "value/json.h"

namespace casql::http {
namespace {

TEST(PasswordHash, VerifiesOnlyTheRightPasswordAndSaltsEachHash) {
  const std::string a = HashPassword("pw", 1000);
  EXPECT_TRUE(IsPasswordHash(a));
  EXPECT_TRUE(VerifyPassword("pw", a));
  EXPECT_FALSE(VerifyPassword("pw ", a));
  EXPECT_FALSE(VerifyPassword("", a));
  EXPECT_NE(HashPassword("pw", 1000), a) << "a fresh salt every time";
  EXPECT_FALSE(IsPasswordHash("pbkdf2-sha256$0$00$00"));
  EXPECT_FALSE(IsPasswordHash("plain"));
}

TEST(UserStore, AuthenticatesAndChecksRolesOnKeyspaces) {
  const std::string hash = HashPassword("pw", 1000);
  auto store = UserStore::Parse(R"([{"name":"u","password":")" + hash +
                                R"(","roles":["query_select[b:s]","data_reader"]}])");
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_FALSE((*store)->Authenticate("u", "bad").ok());
  EXPECT_EQ((*store)->Authenticate("u", "bad").status().code(), 10000);
  auto user = (*store)->Authenticate("u", "pw");
  ASSERT_TRUE(user.ok());
  ASSERT_TRUE((*store)->Authenticate("u", "pw").ok()) << "the cached check agrees";
  EXPECT_FALSE((*store)->Authenticate("u", "pw2").ok()) << "the cache never widens access";
  plan::KeyspacePath in_scope{"default", "b", "s", "c"};
  plan::KeyspacePath other_scope{"default", "b", "t", "c"};
  EXPECT_TRUE(HasPrivilege(**user, {Privilege::kQuerySelect, in_scope, "SELECT"}));
  EXPECT_FALSE(HasPrivilege(**user, {Privilege::kQuerySelect, other_scope, "SELECT"}));
  EXPECT_TRUE(HasPrivilege(**user, {Privilege::kDataReader, other_scope, "KV"}));
  EXPECT_FALSE(HasPrivilege(**user, {Privilege::kQueryUpdate, in_scope, "UPDATE"}));
  EXPECT_FALSE(HasPrivilege(**user, {Privilege::kAdmin, std::nullopt, "admin"}));
}

TEST(UserStore, RejectsMalformedFiles) {
  EXPECT_FALSE(UserStore::Parse("{}").ok());
  EXPECT_FALSE(UserStore::Parse(R"([{"name":"u","password":"x","roles":[]}])").ok());
  const std::string hash = HashPassword("pw", 1000);
  EXPECT_FALSE(
      UserStore::Parse(R"([{"name":"u","password":")" + hash + R"(","roles":["root"]}])").ok());
  EXPECT_FALSE(
      UserStore::Parse(R"([{"name":"u","password":")" + hash + R"(","roles":["admin[a:b:c:d]"]}])")
          .ok());
  EXPECT_FALSE(UserStore::Parse(R"([{"name":"u","password":")" + hash +
                                R"(","roles":[]},{"name":"u","password":")" + hash +
                                R"(","roles":[]}])")
                   .ok());
}

TEST(BasicAuth, DecodesUserAndPassword) {
  auto creds = ParseBasicAuth("Basic YWxpY2U6cDpx");  // alice:p:q
  ASSERT_TRUE(creds);
  EXPECT_EQ(creds->first, "alice");
  EXPECT_EQ(creds->second, "p:q");
  EXPECT_FALSE(ParseBasicAuth("Bearer abc"));
  EXPECT_FALSE(ParseBasicAuth("Basic bm9jb2xvbg=="));  // "nocolon"
}

class Privileges : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = exec::Datastore::Open("");
    ASSERT_TRUE(store.ok());
    store_ = std::move(store.value());
    ASSERT_TRUE(store_->engine().CreateBucket("a").ok());
    ASSERT_TRUE(store_->engine().CreateBucket("b").ok());
  }
  std::vector<RequiredPrivilege> Of(const std::string& text) {
    auto statement = ParseStatement(text);
    EXPECT_TRUE(statement.ok()) << text;
    auto plan = plan::BuildPlan(statement.value(), plan::PlanContext{store_.get(), ""});
    EXPECT_TRUE(plan.ok()) << text << ": " << plan.status().message();
    return StatementPrivileges(*plan.value());
  }
  std::unique_ptr<exec::Datastore> store_;
};

TEST_F(Privileges, StatementsNeedTheirQueryRoleOnTheirKeyspaces) {
  auto select = Of(R"(SELECT * FROM a USE KEYS "k")");
  ASSERT_EQ(select.size(), 1u);
  EXPECT_EQ(select[0].privilege, Privilege::kQuerySelect);
  EXPECT_EQ(select[0].keyspace->FullName(), "default:a");
  auto update = Of(R"(UPDATE b USE KEYS "k" SET x = 1)");
  ASSERT_EQ(update.size(), 1u) << "the target is not also a SELECT";
  EXPECT_EQ(update[0].privilege, Privilege::kQueryUpdate);
  EXPECT_EQ(update[0].statement_kind, "UPDATE");
  auto upsert = Of(R"(UPSERT INTO a (KEY, VALUE) VALUES ("k", 1))");
  ASSERT_EQ(upsert.size(), 2u);
  EXPECT_EQ(upsert[0].privilege, Privilege::kQueryInsert);
  EXPECT_EQ(upsert[1].privilege, Privilege::kQueryUpdate);
  EXPECT_EQ(Of(R"(DELETE FROM a USE KEYS "k")")[0].privilege, Privilege::kQueryDelete);
  EXPECT_EQ(Of("CREATE PRIMARY INDEX ON a")[0].privilege, Privilege::kQueryManageIndex);
  EXPECT_EQ(Of("CREATE BUCKET c")[0].privilege, Privilege::kAdmin);
  EXPECT_EQ(Of(R"(EXPLAIN SELECT * FROM b USE KEYS "k")")[0].keyspace->FullName(), "default:b");
  EXPECT_TRUE(Of("SELECT 1").empty());
}

// The keyspaces a statement reads, as "default:x" names, in the order required.
std::vector<std::string> Reads(const std::vector<RequiredPrivilege>& required) {
  std::vector<std::string> out;
  for (const auto& r : required) {
    if (r.privilege == Privilege::kQuerySelect) out.push_back(r.keyspace->FullName());
  }
  return out;
}

TEST_F(Privileges, JoinsSetOperationsAndSubqueriesNeedSelectOnEveryKeyspace) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Reads(Of(R"(SELECT * FROM a USE KEYS "k" JOIN b ON KEYS a.other)")),
            (V{"default:a", "default:b"}));
  EXPECT_EQ(Reads(Of(R"(SELECT * FROM a USE KEYS "k" UNION ALL SELECT * FROM b USE KEYS "k")")),
            (V{"default:a", "default:b"}));
  EXPECT_EQ(Reads(Of(R"(SELECT s.* FROM (SELECT * FROM b USE KEYS "k") AS s)")), (V{"default:b"}));
  EXPECT_EQ(
      Reads(Of(R"(WITH w AS (SELECT RAW 1 FROM b USE KEYS "k") SELECT w FROM a USE KEYS "k")")),
      (V{"default:b", "default:a"}));
  auto merge = Of(
      R"(MERGE INTO a USING b USE KEYS "k" ON KEY META(b).id WHEN MATCHED THEN UPDATE SET a.x = 1 )"
      R"(WHEN NOT MATCHED THEN INSERT {"x": 1})");
  std::vector<Privilege> kinds;
  for (const auto& r : merge) kinds.push_back(r.privilege);
  EXPECT_EQ(kinds, (std::vector<Privilege>{Privilege::kQueryUpdate, Privilege::kQueryInsert,
                                           Privilege::kQuerySelect}));
  EXPECT_EQ(Reads(merge), (V{"default:b"}));
  EXPECT_EQ(Of("CREATE INDEX ix ON a(f)")[0].privilege, Privilege::kQueryManageIndex);
}

TEST(MemoryTrimmer, ABurstOfLargeRequestsCostsOneTrimPerInterval) {
  MemoryTrimmer trimmer(std::chrono::hours(1));
  EXPECT_EQ(trimmer.trims(), 0);
  for (int i = 0; i < 100; ++i) trimmer.NoteLargeRequest();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (trimmer.trims() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
  }
  ASSERT_EQ(trimmer.trims(), 1) << "the burst was trimmed once";
  for (int i = 0; i < 100; ++i) trimmer.NoteLargeRequest();
  EXPECT_EQ(trimmer.trims(), 1) << "later requests wait for the interval to pass";
  // Destroying it now must not wait out the hour (ctest's timeout would fail the test).
}

TEST(RequestRegistry, CompletedRequestsAreBoundedByTheirStatementBytes) {
  RequestRegistry registry(0, 100, /*completed_statement_bytes=*/3000);
  const auto run = [&registry](const std::string& id, size_t statement_bytes) {
    auto h = registry.Begin({id, std::string(statement_bytes, 'x'), std::nullopt, ""});
    ASSERT_TRUE(h.ok());
    registry.Finish(*h, {"success", {}, {}, 0, 0, 0, 0});
  };
  run("a", 1000);
  run("b", 1000);
  run("c", 1000);
  EXPECT_EQ(registry.Completed().AsArray().size(), 3u) << "3000 bytes fit";
  run("d", 1500);
  Value completed = registry.Completed();
  ASSERT_EQ(completed.AsArray().size(), 2u) << "the oldest two made room for 1500 bytes";
  EXPECT_EQ(completed.Element(0).Field("requestId"), Value("c"));
  EXPECT_EQ(completed.Element(1).Field("requestId"), Value("d"));
  run("e", 5000);
  completed = registry.Completed();
  ASSERT_EQ(completed.AsArray().size(), 1u) << "the newest stays, however long";
  EXPECT_EQ(completed.Element(0).Field("requestId"), Value("e"));
  EXPECT_EQ(registry.GetStats().completed, 5u) << "counts are not bounded";
}

TEST(RequestRegistry, AdmitsUpToTheLimitAndKeepsFinishedRequests) {
  RequestRegistry registry(2, 3);
  auto a = registry.Begin({"id-a", "SELECT 1", std::nullopt, ""});
  auto b = registry.Begin({"id-b", "SELECT 2", std::string("ctx"), "alice"});
  ASSERT_TRUE(a.ok() && b.ok());
  auto c = registry.Begin({"id-c", "SELECT 3", std::nullopt, ""});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), 1191);
  EXPECT_EQ(registry.Active().AsArray().size(), 2u);
  registry.Finish(
      *a, {"success", std::chrono::milliseconds(3), std::chrono::milliseconds(2), 1, 10, 0, 0});
  auto d = registry.Begin({"id-d", "SELECT 4", std::nullopt, ""});
  EXPECT_TRUE(d.ok()) << "a finished request frees its slot";
  const Value completed = registry.Completed();
  ASSERT_EQ(completed.AsArray().size(), 1u);
  EXPECT_EQ(completed.Element(0).Field("requestId"), Value("id-a"));
  EXPECT_EQ(completed.Element(0).Field("state"), Value("completed"));
  EXPECT_EQ(completed.Element(0).Field("elapsedTime"), Value("3ms"));
  const auto stats = registry.GetStats();
  EXPECT_EQ(stats.completed, 1u);
  EXPECT_EQ(stats.active, 2u);
  EXPECT_EQ(stats.median, std::chrono::milliseconds(3));
  registry.Finish(*b, {"errors", {}, {}, 0, 0, 1, 0});
  registry.Finish(*d, {"timeout", {}, {}, 0, 0, 1, 0});
  for (int i = 0; i < 5; ++i) {
    auto h = registry.Begin({"x", "SELECT", std::nullopt, ""});
    ASSERT_TRUE(h.ok());
    registry.Finish(*h, {"fatal", {}, {}, 0, 0, 1, 0});
  }
  EXPECT_EQ(registry.Completed().AsArray().size(), 3u) << "only the last completed_limit";
}

// max_parallelism reaches the statement's settings as a number (SDKs send it as a string);
// anything else is 1070, like the other integer parameters.
TEST(QueryRequestParams, MaxParallelismIsAnIntegerOrANumericString) {
  auto parse = [](std::string_view body) {
    http::RequestContext context;
    return http::ParseQueryRequest("application/json", body, {}, context);
  };
  auto four = parse(R"({"statement":"SELECT 1","max_parallelism":"4"})");
  ASSERT_TRUE(four.ok()) << four.status().message();
  EXPECT_EQ(four->max_parallelism, 4);
  auto one = parse(R"({"statement":"SELECT 1","max_parallelism":1})");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->max_parallelism, 1);
  auto unset = parse(R"({"statement":"SELECT 1"})");
  ASSERT_TRUE(unset.ok());
  EXPECT_EQ(unset->max_parallelism, 0);
  auto negative = parse(R"({"statement":"SELECT 1","max_parallelism":-7})");
  ASSERT_TRUE(negative.ok());
  EXPECT_LE(negative->max_parallelism, 0) << "0 or less: one thread per core";
  auto word = parse(R"({"statement":"SELECT 1","max_parallelism":"many"})");
  ASSERT_FALSE(word.ok());
  EXPECT_EQ(word.status().code(), 1070);
}

TEST(StatementSplitter, SplitsOnSemicolonsOutsideStringsAndComments) {
  cli::StatementSplitter s;
  EXPECT_TRUE(s.Feed("SELECT 'a;b', \"c;d\", `e;f`\n").empty());
  auto done = s.Feed("FROM x -- c;\n/* d; */ WHERE 1;SELECT 2;  ;");
  ASSERT_EQ(done.size(), 2u);
  EXPECT_EQ(done[0], "SELECT 'a;b', \"c;d\", `e;f`\nFROM x -- c;\n/* d; */ WHERE 1");
  EXPECT_EQ(done[1], "SELECT 2");
  EXPECT_EQ(s.Pending(), "");
  s.Feed("SELECT 'it\\'s;");
  EXPECT_EQ(s.Pending(), "SELECT 'it\\'s;");
  EXPECT_EQ(s.Feed("';").size(), 1u);
}

TEST(RequestLog, OneJsonLinePerRequestWithTheStatementCutAtACharacterBoundary) {
  const std::optional<std::string> context = "ctx \"1\"";
  RequestLog::Entry entry;
  entry.request_id = "id-1";
  entry.client_context_id = &context;
  entry.http_status = 400;
  entry.status = "fatal";
  entry.elapsed = std::chrono::microseconds(1500);
  entry.error_codes = {3000, 4000};
  // 999 ASCII bytes and then a two-byte character that straddles the limit.
  const std::string statement = "SELECT\n" + std::string(992, 'x') + "\xc3\xa9tail";
  entry.statement = statement;
  const auto at = std::chrono::system_clock::time_point(std::chrono::milliseconds(1700000000123));
  const std::string line = RequestLog::FormatLine(entry, at);
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1) << "the statement's newline is escaped";
  auto parsed = ParseJson(line);
  ASSERT_TRUE(parsed.ok()) << line;
  EXPECT_EQ(parsed->Field("time"), Value("2023-11-14T22:13:20.123Z"));
  EXPECT_EQ(parsed->Field("requestID"), Value("id-1"));
  EXPECT_EQ(parsed->Field("clientContextID"), Value("ctx \"1\""));
  EXPECT_TRUE(parsed->Field("users").IsMissing());
  EXPECT_EQ(parsed->Field("httpStatus"), Value(400));
  EXPECT_EQ(parsed->Field("status"), Value("fatal"));
  EXPECT_EQ(parsed->Field("elapsedTime"), Value("1.5ms"));
  EXPECT_EQ(parsed->Field("errors"), ParseJson("[3000,4000]").value());
  EXPECT_EQ(parsed->Field("statement"), Value(statement.substr(0, 999)));
  EXPECT_EQ(parsed->Field("statementBytes"), Value(static_cast<int64_t>(statement.size())));

  entry.client_context_id = nullptr;
  entry.statement = "SELECT 1";
  auto whole = ParseJson(RequestLog::FormatLine(entry, at));
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->Field("statement"), Value("SELECT 1"));
  EXPECT_TRUE(whole->Field("statementBytes").IsMissing());
  EXPECT_TRUE(whole->Field("clientContextID").IsMissing());
}

TEST(RequestLog, OpeningAnUnwritablePathFailsClearly) {
  auto log = RequestLog::Open("/nonexistent-dir/requests.log");
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.status().message().find("/nonexistent-dir/requests.log"), std::string::npos);
}

}  // namespace
}  // namespace casql::http
