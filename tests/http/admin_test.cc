// /admin/vitals, /admin/active_requests, /admin/completed_requests and /metrics.
#include <gtest/gtest.h>

#include <string_view>
#include <thread>

#include "tests/http/server_process.h"
#include "value/json.h"

namespace casql::testing {
namespace {

class Admin : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess({"--memory", "--fault-injection", "--bucket", "m"});
    server_->MustRun("CREATE PRIMARY INDEX ON m");
  }
  static void TearDownTestSuite() { delete server_; }
  // The value of one sample line of the Prometheus text, -1 when absent.
  static double Sample(const std::string& text, const std::string& series) {
    const size_t at = text.find("\n" + series + " ");
    if (at == std::string::npos) return -1;
    return std::stod(text.substr(at + series.size() + 2));
  }
  static ServerProcess* server_;
};

ServerProcess* Admin::server_ = nullptr;

// Removes a leading run of digits and dots from `text`; false when there is none.
bool ConsumeNumber(std::string_view& text) {
  const size_t end = text.find_first_not_of("0123456789.");
  if (text.empty() || end == 0) return false;
  text.remove_prefix(end == std::string_view::npos ? text.size() : end);
  return true;
}

// A duration as Go (and so Couchbase) prints it: a number and ns, µs, ms or s, or minutes and
// seconds ("1m2.5s").
bool IsGoDuration(std::string_view text) {
  if (!ConsumeNumber(text)) return false;
  if (text == "ns" || text == "µs" || text == "ms" || text == "s") return true;
  if (!text.starts_with('m')) return false;
  text.remove_prefix(1);
  return ConsumeNumber(text) && text == "s";
}

TEST(GoDuration, AcceptsGoFormatsOnly) {
  for (const char* good : {"12ns", "1.5µs", "3.25ms", "4s", "1m2.5s"}) {
    EXPECT_TRUE(IsGoDuration(good)) << good;
  }
  for (const char* bad : {"", "ms", "12", "12 ms", "1h", "1m", "1m2", "-3s", "1.5sx"}) {
    EXPECT_FALSE(IsGoDuration(bad)) << bad;
  }
}

TEST_F(Admin, VitalsReportRequestsLatencyAndMemory) {
  for (int i = 0; i < 5; ++i) server_->MustRun("SELECT 1");
  auto v = server_->Get("/admin/vitals");
  ASSERT_EQ(v.http_status, 200) << v.body;
  EXPECT_EQ(v.json.Field("version"), Value("0.1.0"));
  EXPECT_GE(v.json.Field("request.completed.count").AsInt(), 6);  // 5 + the index
  EXPECT_EQ(v.json.Field("request.active.count"), Value(int64_t{0}));
  EXPECT_GT(v.json.Field("request.per.sec.1min").AsDouble(), 0.0);
  EXPECT_GT(v.json.Field("memory.usage").AsInt(), 1 << 20);
  for (const char* field :
       {"uptime", "request_time.mean", "request_time.median", "request_time.80percentile",
        "request_time.95percentile", "request_time.99percentile"}) {
    ASSERT_TRUE(v.json.Field(field).IsString()) << field;
    EXPECT_TRUE(IsGoDuration(v.json.Field(field).AsString()))
        << field << " = " << v.json.Field(field).AsString();
  }
}

TEST_F(Admin, CompletedRequestsListFinishedStatements) {
  auto r = server_->Query(
      ParseJson(R"({"statement":"SELECT 42 AS answer","client_context_id":"find-me"})").value());
  const Value request_id = r.json.Field("requestID");
  auto completed = server_->Get("/admin/completed_requests");
  ASSERT_TRUE(completed.json.IsArray()) << completed.body;
  bool found = false;
  for (const Value& c : completed.json.AsArray()) {
    if (c.Field("requestId") != request_id) continue;
    found = true;
    EXPECT_EQ(c.Field("clientContextID"), Value("find-me"));
    EXPECT_EQ(c.Field("statement"), Value("SELECT 42 AS answer"));
    EXPECT_EQ(c.Field("state"), Value("completed"));
    EXPECT_EQ(c.Field("resultCount"), Value(int64_t{1}));
    EXPECT_TRUE(c.Field("elapsedTime").IsString());
    EXPECT_TRUE(c.Field("requestTime").IsString());
  }
  EXPECT_TRUE(found) << completed.body;
  auto active = server_->Get("/admin/active_requests");
  EXPECT_EQ(active.json, Value(Array{})) << "nothing runs between requests";
}

TEST_F(Admin, ActiveRequestsShowARunningStatement) {
  // About 12 MB of results, more than the socket buffers hold.
  const std::string pad(1000, 'p');
  for (int batch = 0; batch < 6; ++batch) {
    std::string values;
    for (int i = batch * 500; i < (batch + 1) * 500; ++i) {
      values += std::string(values.empty() ? "" : ",") + "(\"a" + std::to_string(i) +
                "\", {\"pad\": \"" + pad + "\"})";
    }
    server_->MustRun("UPSERT INTO m (KEY, VALUE) VALUES " + values);
  }
  // A client reading slowly keeps its request running.
  httplib::Client client("127.0.0.1", server_->port());
  std::atomic<bool> reading{true};
  std::thread slow([&] {
    httplib::Request req;
    req.method = "POST";
    req.path = "/query/service";
    req.set_header("Content-Type", "application/json");
    req.body =
        R"({"statement":"SELECT x.*, x AS a, x AS b, x AS c FROM m x","client_context_id":"slow"})";
    req.content_receiver = [&](const char*, size_t, uint64_t, uint64_t) {
      if (reading) std::this_thread::sleep_for(std::chrono::milliseconds(20));
      return true;
    };
    client.send(req);
  });
  bool seen = false;
  for (int i = 0; i < 100 && !seen; ++i) {
    auto active = server_->Get("/admin/active_requests");
    for (const Value& a : active.json.AsArray()) {
      if (a.Field("clientContextID") == Value("slow")) {
        seen = true;
        EXPECT_EQ(a.Field("state"), Value("running"));
        EXPECT_TRUE(a.Field("elapsedTime").IsString());
      }
    }
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  reading = false;
  slow.join();
  EXPECT_TRUE(seen);
}

TEST_F(Admin, MetricsCountRequestsKvOpsAndCasConflictsByKeyspace) {
  server_->MustRun(R"(UPSERT INTO m (KEY, VALUE) VALUES ("c1", {"v": 1}), ("c2", {"v": 1}))");
  server_->Query(ParseJson(R"({"statement":"SELEC"})").value());
  auto conflict = server_->Query(
      ParseJson(
          R"({"statement":"UPDATE m USE KEYS [\"c1\", \"c2\"] SET v = 2","inject_cas_conflict":["c1"]})")
          .value());
  ASSERT_EQ(conflict.json.Field("status"), Value("errors")) << conflict.body;
  server_->Send("PUT", "/kv/m/_default/_default/k1", "{}", "application/json");
  server_->Send("GET", "/kv/m/_default/_default/k1");
  server_->Send("GET", "/kv/m/_default/_default/nope");
  auto stale = server_->Send("PUT", "/kv/m/_default/_default/k1", "{}", "application/json",
                             {{"If-Match", "\"1\""}});
  ASSERT_EQ(stale.http_status, 412);

  auto m = server_->Get("/metrics");
  ASSERT_EQ(m.http_status, 200);
  EXPECT_EQ(m.content_type, "text/plain; version=0.0.4; charset=utf-8");
  const std::string& t = m.body;
  EXPECT_GE(Sample(t, R"(casql_query_requests_total{status="success"})"), 2) << t;
  EXPECT_EQ(Sample(t, R"(casql_query_requests_total{status="fatal"})"), 1) << t;
  EXPECT_EQ(Sample(t, R"(casql_query_requests_total{status="errors"})"), 1) << t;
  const double count = Sample(t, "casql_query_request_duration_seconds_count");
  EXPECT_GE(count, 4);
  EXPECT_EQ(Sample(t, R"(casql_query_request_duration_seconds_bucket{le="+Inf"})"), count);
  EXPECT_EQ(Sample(t, R"(casql_cas_conflicts_total{keyspace="default:m",source="query"})"), 1) << t;
  EXPECT_EQ(Sample(t, R"(casql_cas_conflicts_total{keyspace="default:m",source="kv"})"), 1) << t;
  EXPECT_EQ(Sample(t, R"(casql_kv_ops_total{keyspace="default:m",op="get",status="SUCCESS"})"), 1)
      << t;
  EXPECT_EQ(Sample(t, R"(casql_kv_ops_total{keyspace="default:m",op="get",status="KEY_ENOENT"})"),
            1)
      << t;
  EXPECT_EQ(
      Sample(t, R"(casql_kv_ops_total{keyspace="default:m",op="replace",status="KEY_EEXISTS"})"), 1)
      << t;
  EXPECT_GE(
      Sample(t, R"(casql_kv_ops_total{keyspace="default:m",op="query_mutation",status="SUCCESS"})"),
      3)
      << t;
  EXPECT_GT(Sample(t, "casql_process_resident_memory_bytes"), 0);
}

}  // namespace
}  // namespace casql::testing
