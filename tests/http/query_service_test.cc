// QueryService in process: responses gathered in parts (StreamPrefix, then Stream) and the
// plan cache's handling of DML, and kvtimeout bounding a durable write.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "executor/datastore.h"
#include "http/query_service.h"
#include "tests/kvengine/disk_gate.h"
#include "value/json.h"

namespace casql::http {
namespace {

class QueryServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = exec::Datastore::Open("");
    ASSERT_TRUE(opened.ok());
    store_ = std::move(opened.value());
    service_ = std::make_unique<QueryService>(store_.get());
    Run("CREATE BUCKET b");
    Run("CREATE PRIMARY INDEX ON b");
    Run(R"(INSERT INTO b (KEY, VALUE) VALUES ("k1", {"n": 1, "age": 30}), )"
        R"(("k2", {"n": 2, "age": 25}), ("k3", {"n": 3, "age": 35}))");
  }

  QueryService::Execution Prepare(const std::string& statement, Value named_args = Value()) {
    QueryRequest request;
    request.statement = statement;
    if (named_args.IsObject()) {
      for (const auto& [name, value] : named_args.AsObject()) request.named_args[name] = value;
    }
    return service_->Prepare(std::move(request), std::chrono::steady_clock::now());
  }

  Value Run(const std::string& statement, Value named_args = Value()) {
    std::string body;
    Prepare(statement, std::move(named_args)).Stream([&body](std::string_view s) {
      body.append(s);
      return true;
    });
    auto parsed = ParseJson(body);
    EXPECT_TRUE(parsed.ok()) << body;
    return parsed.ok() ? parsed.value() : Value();
  }

  std::unique_ptr<exec::Datastore> store_;
  std::unique_ptr<QueryService> service_;
};

TEST_F(QueryServiceTest, PrefixPausesAfterTheRowThatPassesTheLimitAndStreamWritesTheRest) {
  auto execution = Prepare("SELECT RAW n FROM b ORDER BY n");
  std::string prefix;
  auto paused = execution.StreamPrefix(
      [&prefix](std::string_view s) {
        prefix.append(s);
        return true;
      },
      1);
  EXPECT_FALSE(paused.has_value()) << "rows remain after the first one";
  EXPECT_TRUE(prefix.ends_with("\"results\":[1")) << "nothing after the first row: " << prefix;

  std::string rest;
  QueryService::Outcome outcome = execution.Stream([&rest](std::string_view s) {
    rest.append(s);
    return true;
  });
  EXPECT_EQ(outcome.status, "success");
  EXPECT_EQ(outcome.result_count, 3u);
  auto whole = ParseJson(prefix + rest);
  ASSERT_TRUE(whole.ok()) << prefix << rest;
  EXPECT_EQ(whole->Field("results"), ParseJson("[1, 2, 3]").value());
  EXPECT_EQ(whole->Field("metrics").Field("resultCount"), Value(int64_t{3}));
}

TEST_F(QueryServiceTest, PrefixThatHoldsTheWholeResponseReturnsItsOutcome) {
  auto execution = Prepare("SELECT RAW n FROM b ORDER BY n");
  std::string body;
  auto outcome = execution.StreamPrefix(
      [&body](std::string_view s) {
        body.append(s);
        return true;
      },
      64 * 1024);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->status, "success");
  EXPECT_EQ(outcome->result_count, 3u);
  EXPECT_EQ(ParseJson(body).value().Field("results"), ParseJson("[1, 2, 3]").value());
}

TEST_F(QueryServiceTest, PrefixOfAFailedPreparationIsTheWholeFatalResponse) {
  auto execution = Prepare("SELECT n FROM nope");
  std::string body;
  auto outcome = execution.StreamPrefix(
      [&body](std::string_view s) {
        body.append(s);
        return true;
      },
      1);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->status, "fatal");
  EXPECT_EQ(ParseJson(body).value().Field("errors").Element(0).Field("code"),
            Value(int64_t{12003}));
}

TEST_F(QueryServiceTest, CachedUpdatePlanServesEveryParameterValue) {
  const size_t before = service_->cached_plans();
  const std::string update = "UPDATE b SET seen = $s WHERE n = $n";
  EXPECT_EQ(Run(update, ParseJson(R"({"s": "a", "n": 1})").value())
                .Field("metrics")
                .Field("mutationCount"),
            Value(int64_t{1}));
  EXPECT_EQ(service_->cached_plans(), before + 1);
  Run(update, ParseJson(R"({"s": "b", "n": 3})").value());
  EXPECT_EQ(service_->cached_plans(), before + 1) << "the second run reused the plan";
  Value seen = Run("SELECT RAW seen FROM b WHERE seen IS VALUED ORDER BY n");
  EXPECT_EQ(seen.Field("results"), ParseJson(R"(["a", "b"])").value()) << ToJson(seen);
}

TEST_F(QueryServiceTest, DdlMakesCachedUpdatePlansStale) {
  Run("CREATE INDEX by_age ON b(age)");
  const std::string update = "UPDATE b SET old = true WHERE age = 30";
  EXPECT_EQ(Run(update).Field("status"), Value("success"));  // planned on by_age, cached
  Run("DROP INDEX by_age ON b");
  // A stale plan would scan the dropped index (12016); the new one uses the primary index.
  Value again = Run(update);
  EXPECT_EQ(again.Field("status"), Value("success")) << ToJson(again);
  EXPECT_EQ(again.Field("metrics").Field("mutationCount"), Value(int64_t{1}));
}

TEST_F(QueryServiceTest, LongStatementsAreNotCached) {
  std::string values;
  for (int i = 0; values.size() < 70 * 1024; ++i) {
    values += std::string(values.empty() ? "" : ", ") + "(\"x" + std::to_string(i) +
              "\", {\"pad\": \"" + std::string(100, 'p') + "\"})";
  }
  const size_t before = service_->cached_plans();
  EXPECT_EQ(Run("INSERT INTO b (KEY, VALUE) VALUES " + values).Field("status"), Value("success"));
  EXPECT_EQ(service_->cached_plans(), before);
}

// kvtimeout bounds how long a durable DML write waits for its fsync: when another write holds
// the disk, the statement gets 12009 with the KV cause SYNC_WRITE_AMBIGUOUS (the write may still
// become durable later), not a hang.
TEST(QueryServiceKvTimeout, DurableWriteStuckBehindTheDiskFailsAt12009Ambiguous) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("casql_kvtimeout_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  kv::testing::DiskGate gate;
  kv::Engine::Options options;
  options.data_dir = dir.string();
  options.write_fault = gate.Fault();
  auto opened = exec::Datastore::Open(options);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  std::unique_ptr<exec::Datastore> store = std::move(opened.value());
  QueryService service(store.get());
  const auto run = [&service](const std::string& statement, std::chrono::milliseconds kv_timeout) {
    QueryRequest request;
    request.statement = statement;
    request.durability = kv::Durability::kPersistToMajority;
    request.kv_timeout = kv_timeout;
    std::string body;
    service.Prepare(std::move(request), std::chrono::steady_clock::now())
        .Stream([&body](std::string_view s) {
          body.append(s);
          return true;
        });
    auto parsed = ParseJson(body);
    EXPECT_TRUE(parsed.ok()) << body;
    return parsed.ok() ? parsed.value() : Value();
  };
  ASSERT_EQ(run("CREATE BUCKET b", std::chrono::seconds(60)).Field("status"), Value("success"));
  gate.Close();
  std::thread patient([&] {
    EXPECT_EQ(run(R"(UPSERT INTO b VALUES ("first", {"n": 1}))", std::chrono::seconds(60))
                  .Field("status"),
              Value("success"));
  });
  gate.WaitUntilHeld();  // the first write's I/O is now stuck
  const Value hasty =
      run(R"(UPSERT INTO b VALUES ("second", {"n": 2}))", std::chrono::milliseconds(20));
  gate.Open();
  patient.join();
  ASSERT_EQ(hasty.Field("errors").AsArray().size(), 1u) << ToJson(hasty);
  const Value error = hasty.Field("errors").Element(0);
  EXPECT_EQ(error.Field("code"), Value(int64_t{12009})) << ToJson(error);
  EXPECT_NE(error.Field("msg").AsString().find("cause: MCResponse status=SYNC_WRITE_AMBIGUOUS"),
            std::string::npos)
      << ToJson(error);
  EXPECT_EQ(error.Field("reason").Field("message"), Value("MC error SYNC_WRITE_AMBIGUOUS"));
  EXPECT_EQ(hasty.Field("metrics").Field("mutationCount"), Value()) << "nothing acknowledged";
  std::filesystem::remove_all(dir);
}

TEST(NewRequestId, IsARandomVersion4Uuid) {
  const std::string id = NewRequestId();
  ASSERT_EQ(id.size(), 36u) << id;
  for (size_t i = 0; i < id.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      EXPECT_EQ(id[i], '-') << id;
    } else {
      EXPECT_NE(std::string("0123456789abcdef").find(id[i]), std::string::npos) << id;
    }
  }
  EXPECT_EQ(id[14], '4') << id;
  EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;
  EXPECT_NE(NewRequestId(), id);
}

}  // namespace
}  // namespace casql::http
