// UPDATE's conditional write-back, in process: kvengine's before-write hook changes the
// document between Fetch and SendUpdate exactly as a concurrent client would.
#include <gtest/gtest.h>

#include "executor/datastore.h"
#include "http/query_service.h"
#include "value/json.h"

namespace casql {
namespace {

class UpdateConflict : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = exec::Datastore::Open("");
    ASSERT_TRUE(opened.ok());
    store_ = std::move(opened.value());
    service_ = std::make_unique<http::QueryService>(store_.get());
    Run("CREATE BUCKET Project");
    Run("CREATE SCOPE Project.Dev");
    Run("CREATE COLLECTION Project.Dev.admin");
    Run("CREATE PRIMARY INDEX ON Project.Dev.admin");
    Run(R"(INSERT INTO Project.Dev.admin (KEY, VALUE) VALUES ("19", {"Id": "19", "LastLogin": "old", "Visits": 1}))");
    collection_ =
        store_->Collection(plan::KeyspacePath{"default", "Project", "Dev", "admin"}).value();
  }

  Value Run(const std::string& statement, int cas_retries = 0) {
    http::QueryRequest request;
    request.statement = statement;
    request.cas_retries = cas_retries;
    auto execution = service_->Prepare(std::move(request), std::chrono::steady_clock::now());
    std::string body;
    execution.Stream([&body](std::string_view s) {
      body.append(s);
      return true;
    });
    return ParseJson(body).value();
  }

  std::unique_ptr<exec::Datastore> store_;
  std::unique_ptr<http::QueryService> service_;
  std::shared_ptr<kv::Collection> collection_;
};

TEST_F(UpdateConflict, AnotherFieldChangedConcurrentlyStillFailsTheUpdate) {
  // The other writer touches only Visits; the UPDATE only LastLogin. CAS guards the whole
  // document, so the UPDATE must still fail rather than silently drop the Visits change.
  collection_->SetBeforeConditionalWriteHook([this](std::string_view key) {
    collection_->SetBeforeConditionalWriteHook(nullptr);
    auto doc = ParseJson(R"({"Id": "19", "LastLogin": "old", "Visits": 2})").value();
    ASSERT_TRUE(collection_->Upsert(key, kv::MakeJsonDoc(doc), kv::MutationOptions{}).ok());
  });
  Value r = Run("update Project.Dev.admin SET LastLogin = '2023-02-03 11:53:45' WHERE Id = '19'");
  EXPECT_EQ(r.Field("status"), Value("errors")) << ToJson(r);
  EXPECT_EQ(r.Field("errors").Element(0).Field("code"), Value(int64_t{12009}));
  EXPECT_EQ(r.Field("errors").Element(0).Field("reason").Field("code"), Value(int64_t{12033}));
  Value now = Run(R"(SELECT LastLogin, Visits FROM Project.Dev.admin USE KEYS "19")");
  EXPECT_EQ(now.Field("results"), ParseJson(R"([{"LastLogin":"old","Visits":2}])").value());
}

TEST_F(UpdateConflict, DocumentRemovedConcurrentlyIsKeyNotFound) {
  collection_->SetBeforeConditionalWriteHook([this](std::string_view key) {
    collection_->SetBeforeConditionalWriteHook(nullptr);
    ASSERT_TRUE(collection_->Remove(key, kv::MutationOptions{}).ok());
  });
  Value r = Run("update Project.Dev.admin SET LastLogin = 'new' WHERE Id = '19'");
  ASSERT_EQ(r.Field("status"), Value("errors")) << ToJson(r);
  const Value& e = r.Field("errors").Element(0);
  EXPECT_EQ(e.Field("code"), Value(int64_t{12009}));
  EXPECT_EQ(e.Field("msg").AsString().rfind(
                "DML Error, possible causes include concurrent modification. Failed to perform "
                "UPDATE on key 19 - cause: MCResponse status=KEY_ENOENT, opcode=SET",
                0),
            0u)
      << ToJson(e);
  EXPECT_EQ(e.Field("reason").Field("code"), Value(int64_t{17014}));
  EXPECT_EQ(e.Field("reason").Field("message"), Value("Key not found: 19"));
}

TEST_F(UpdateConflict, RetryRereadsAndRefiltersTheDocument) {
  // The concurrent writer changes Id, so on re-read the document no longer matches WHERE:
  // the retried statement must leave it alone, as if it had run after that writer.
  int calls = 0;
  collection_->SetBeforeConditionalWriteHook([this, &calls](std::string_view key) {
    if (++calls > 1) return;
    auto doc = ParseJson(R"({"Id": "99", "LastLogin": "old", "Visits": 1})").value();
    ASSERT_TRUE(collection_->Upsert(key, kv::MakeJsonDoc(doc), kv::MutationOptions{}).ok());
  });
  Value r = Run("UPDATE Project.Dev.admin SET LastLogin = 'new' WHERE Id = '19'", 3);
  collection_->SetBeforeConditionalWriteHook(nullptr);
  EXPECT_EQ(r.Field("status"), Value("success")) << ToJson(r);
  EXPECT_TRUE(r.Field("metrics").Field("mutationCount").IsMissing());
  EXPECT_EQ(collection_->Get("19")->doc->json(),
            ParseJson(R"({"Id":"99","LastLogin":"old","Visits":1})").value());
}

TEST_F(UpdateConflict, RetryRecomputesValuesFromTheNewDocument) {
  int calls = 0;
  collection_->SetBeforeConditionalWriteHook([this, &calls](std::string_view key) {
    if (++calls > 1) return;
    auto doc = ParseJson(R"({"Id": "19", "LastLogin": "old", "Visits": 10})").value();
    ASSERT_TRUE(collection_->Upsert(key, kv::MakeJsonDoc(doc), kv::MutationOptions{}).ok());
  });
  Value r = Run("UPDATE Project.Dev.admin SET Visits = Visits + 1 WHERE Id = '19'", 3);
  collection_->SetBeforeConditionalWriteHook(nullptr);
  EXPECT_EQ(r.Field("status"), Value("success")) << ToJson(r);
  EXPECT_EQ(collection_->Get("19")->doc->json().Field("Visits"), Value(int64_t{11}))
      << "the concurrent increment must not be lost";
}

TEST_F(UpdateConflict, ExhaustedRetriesReport12009) {
  collection_->SetBeforeConditionalWriteHook([this](std::string_view key) {
    auto doc = collection_->Get(key)->doc->json();
    ASSERT_TRUE(collection_->Upsert(key, kv::MakeJsonDoc(doc), kv::MutationOptions{}).ok());
  });
  Value r = Run("UPDATE Project.Dev.admin SET LastLogin = 'new' WHERE Id = '19'", 2);
  collection_->SetBeforeConditionalWriteHook(nullptr);
  EXPECT_EQ(r.Field("status"), Value("errors")) << ToJson(r);
  EXPECT_EQ(r.Field("errors").AsArray().size(), 1u);
  EXPECT_EQ(r.Field("errors").Element(0).Field("reason").Field("code"), Value(int64_t{12033}));
}

TEST_F(UpdateConflict, WithoutInterferenceTheWriteKeepsFlagsAndChangesCas) {
  const uint64_t cas_before = collection_->Get("19")->cas;
  Value r =
      Run("UPDATE Project.Dev.admin SET LastLogin = 'new', Visits = Visits + 1 WHERE Id = '19'");
  EXPECT_EQ(r.Field("status"), Value("success")) << ToJson(r);
  auto got = collection_->Get("19");
  ASSERT_TRUE(got.ok());
  EXPECT_NE(got->cas, cas_before);
  EXPECT_EQ(got->doc->json(), ParseJson(R"({"Id":"19","LastLogin":"new","Visits":2})").value());
}

}  // namespace
}  // namespace casql
