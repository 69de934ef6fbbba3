// UPDATE under real concurrency over HTTP: many clients racing on one document, against a
// real server process. Every response must be a success or a well-formed 12009, and what is
// stored at the end must be exactly the last acknowledged write.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "tests/http/server_process.h"
#include "value/json.h"

namespace casql::testing {
namespace {

struct Acknowledged {
  int64_t cas = 0;
  Value doc;
};

// A client with its own keep-alive connection.
class Client {
 public:
  explicit Client(int port) : http_("127.0.0.1", port) {
    http_.set_keep_alive(true);
    // Without it a POST's header and body segments wait on delayed ACKs (~40 ms a request).
    http_.set_tcp_nodelay(true);
  }
  Value Run(const Value& params) {
    auto r = http_.Post("/query/service", ToJson(params), "application/json");
    if (!r) return Value();
    return ParseJson(r->body).value();
  }

 private:
  httplib::Client http_;
};

class UpdateConcurrency : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--memory"});
    server_->MustRun("CREATE BUCKET Project");
    server_->MustRun("CREATE SCOPE Project.Dev");
    server_->MustRun("CREATE COLLECTION Project.Dev.admin");
    server_->MustRun("CREATE PRIMARY INDEX ON Project.Dev.admin");
  }
  std::unique_ptr<ServerProcess> server_;
};

// The shape of a CAS-mismatch error, exactly as the DML issue specifies it.
void ExpectCasMismatchError(const Value& e) {
  ASSERT_EQ(e.Field("code"), Value(int64_t{12009})) << ToJson(e);
  const std::string& msg = e.Field("msg").AsString();
  EXPECT_EQ(msg.rfind("DML Error, possible causes include CAS mismatch. Failed to perform UPDATE "
                      "on key 19 - cause: MCResponse status=KEY_EEXISTS, opcode=SET, opaque=",
                      0),
            0u)
      << msg;
  EXPECT_EQ(e.Field("retry"), Value(false));
  EXPECT_EQ(e.Field("reason").Field("code"), Value(int64_t{12033}));
  EXPECT_EQ(e.Field("reason").Field("document_key"), Value("19"));
  EXPECT_EQ(e.Field("reason").Field("keyspace"), Value("default:Project.Dev.admin"));
  // The CAS the statement read and the one the document carries now: a mismatch means they
  // differ, and both are the uint64 CAS values KV hands out (never 0).
  const Value& expected = e.Field("reason").Field("expected_cas");
  const Value& actual = e.Field("reason").Field("actual_cas");
  ASSERT_TRUE(expected.IsNumber() && actual.IsNumber()) << ToJson(e);
  EXPECT_NE(expected.AsInt(), 0);
  EXPECT_NE(actual.AsInt(), 0);
  EXPECT_NE(expected, actual);
}

TEST_F(UpdateConcurrency, RacingUpdatesAndAWriterEndWithTheLastAcknowledgedWrite) {
  server_->MustRun(
      R"(INSERT INTO Project.Dev.admin (KEY, VALUE) VALUES ("19", {"Id": "19", "LastLogin": "start"}))");
  constexpr int kClients = 16, kRuns = 500, kWriterRuns = 500;
  std::mutex mu;
  std::vector<Acknowledged> acks;
  std::atomic<int> successes{0}, conflicts{0}, other{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      Client client(server_->port());
      for (int i = 0; i < kRuns; ++i) {
        const std::string stamp = "c" + std::to_string(c) + "-" + std::to_string(i);
        Value r = client.Run(Value(Object{
            {"statement", Value("update Project.Dev.admin SET LastLogin = $t WHERE Id = '19' "
                                "RETURNING META().cas AS cas, admin.*")},
            {"$t", Value(stamp)}}));
        if (r.Field("status") == Value("success")) {
          ++successes;
          const Value& row = r.Field("results").Element(0);
          Object doc = row.AsObject();
          doc.Remove("cas");
          std::lock_guard<std::mutex> lock(mu);
          acks.push_back({row.Field("cas").AsInt(), Value(std::move(doc))});
        } else if (r.Field("status") == Value("errors")) {
          ++conflicts;
          ExpectCasMismatchError(r.Field("errors").Element(0));
        } else {
          ++other;
          ADD_FAILURE() << ToJson(r);
        }
      }
    });
  }
  // The other writer changes the document through casql's KV REST API: a PUT without
  // If-Match is a KV upsert, acknowledged with the new CAS as its ETag.
  threads.emplace_back([&] {
    httplib::Client kv("127.0.0.1", server_->port());
    kv.set_keep_alive(true);
    kv.set_tcp_nodelay(true);
    for (int i = 0; i < kWriterRuns; ++i) {
      Object doc{{"Id", Value("19")},
                 {"LastLogin", Value("w-" + std::to_string(i))},
                 {"Writer", Value(true)}};
      Value body(std::move(doc));
      auto r = kv.Put("/kv/Project/Dev/admin/19", ToJson(body), "application/json");
      ASSERT_TRUE(r) << "KV PUT failed to reach the server";
      ASSERT_EQ(r->status, 200) << r->body;
      std::string etag = r->get_header_value("ETag");
      ASSERT_GE(etag.size(), 3u) << "no ETag on a KV write";
      std::lock_guard<std::mutex> lock(mu);
      acks.push_back({std::stoll(etag.substr(1, etag.size() - 2)), std::move(body)});
    }
  });
  for (auto& t : threads) t.join();

  EXPECT_EQ(successes + conflicts, kClients * kRuns);
  EXPECT_EQ(other, 0);
  EXPECT_GE(conflicts, 1) << "racing writers must produce at least one CAS mismatch";
  EXPECT_GE(successes, 1);

  // CAS values of one document only grow, so the last acknowledged write has the largest.
  const Acknowledged* last = &acks.front();
  for (const auto& a : acks) {
    if (a.cas > last->cas) last = &a;
  }
  Value now =
      server_->MustRun(R"(SELECT META().cas AS cas, admin.* FROM Project.Dev.admin USE KEYS "19")");
  Object stored = now.Field("results").Element(0).AsObject();
  EXPECT_EQ(stored.Find("cas")->AsInt(), last->cas);
  stored.Remove("cas");
  EXPECT_EQ(Value(std::move(stored)), last->doc);
}

TEST_F(UpdateConcurrency, WithoutRetriesTheCounterCountsExactlyTheSuccesses) {
  server_->MustRun("CREATE BUCKET counters");
  server_->MustRun(R"(INSERT INTO counters (KEY, VALUE) VALUES ("c", {"n": 0}))");
  constexpr int kClients = 8, kRuns = 500;
  std::atomic<int> successes{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&] {
      Client client(server_->port());
      for (int i = 0; i < kRuns; ++i) {
        Value r = client.Run(
            Value(Object{{"statement", Value(R"(UPDATE counters USE KEYS "c" SET n = n + 1)")}}));
        if (r.Field("status") == Value("success")) {
          ++successes;
        } else {
          EXPECT_EQ(r.Field("errors").Element(0).Field("reason").Field("code"),
                    Value(int64_t{12033}))
              << ToJson(r);
          ++conflicts;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(successes + conflicts, kClients * kRuns);
  Value n = server_->MustRun(R"(SELECT RAW n FROM counters USE KEYS "c")");
  EXPECT_EQ(n.Field("results").Element(0), Value(int64_t{successes.load()}))
      << "no increment may be lost or doubled";
}

TEST_F(UpdateConcurrency, WithCasRetriesEveryIncrementLands) {
  server_->MustRun("CREATE BUCKET counters");
  server_->MustRun(R"(INSERT INTO counters (KEY, VALUE) VALUES ("c", {"n": 0}))");
  constexpr int kClients = 8, kRuns = 500;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&] {
      Client client(server_->port());
      for (int i = 0; i < kRuns; ++i) {
        Value r = client.Run(
            Value(Object{{"statement", Value(R"(UPDATE counters USE KEYS "c" SET n = n + 1)")},
                         {"cas_retries", Value(int64_t{100})}}));
        if (r.Field("status") != Value("success")) {
          ++failures;
          ADD_FAILURE() << ToJson(r);
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  Value n = server_->MustRun(R"(SELECT RAW n FROM counters USE KEYS "c")");
  EXPECT_EQ(n.Field("results").Element(0), Value(int64_t{kClients * kRuns}));
}

}  // namespace
}  // namespace casql::testing
