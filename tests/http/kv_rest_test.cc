// The KV REST API: documents with CAS as ETag/If-Match, locks, touch, and kv_engine statuses
// mapped to HTTP statuses with JSON error bodies.
#include <gtest/gtest.h>

#include "tests/http/server_process.h"
#include "value/json.h"

namespace casql::testing {
namespace {

const char* kDoc = "/kv/shop/_default/_default/";

class KvRest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess({"--memory", "--bucket", "shop"});
    server_->MustRun("CREATE SCOPE shop.inv");
    server_->MustRun("CREATE COLLECTION shop.inv.items");
  }
  static void TearDownTestSuite() { delete server_; }

  static std::string Header(const ServerProcess::Response& r, const std::string& name) {
    auto it = r.headers.find(name);
    return it == r.headers.end() ? "" : it->second;
  }
  static void ExpectError(const ServerProcess::Response& r, int http, const char* status,
                          int code) {
    EXPECT_EQ(r.http_status, http) << r.body;
    EXPECT_EQ(ToJson(r.json.Field("status")), ToJson(Value(status))) << r.body;
    EXPECT_EQ(ToJson(r.json.Field("code")), std::to_string(code)) << r.body;
    EXPECT_TRUE(r.json.Field("msg").IsString()) << r.body;
  }
  static ServerProcess* server_;
};

ServerProcess* KvRest::server_ = nullptr;

TEST_F(KvRest, PutThenGetReturnsTheDocumentWithCasAsETag) {
  auto put =
      server_->Send("PUT", std::string(kDoc) + "a1?flags=7", R"({"x":1})", "application/json");
  ASSERT_EQ(put.http_status, 200) << put.body;
  const std::string etag = Header(put, "ETag");
  ASSERT_GE(etag.size(), 3u);
  EXPECT_EQ(etag.front(), '"');
  EXPECT_EQ(put.json.Field("cas"), Value(etag.substr(1, etag.size() - 2)));
  auto get = server_->Send("GET", std::string(kDoc) + "a1");
  EXPECT_EQ(get.http_status, 200);
  EXPECT_EQ(get.json, ParseJson(R"({"x":1})").value());
  EXPECT_EQ(Header(get, "ETag"), etag);
  EXPECT_EQ(Header(get, "X-Flags"), "7");
  EXPECT_EQ(Header(get, "X-Expiry"), "0");
  EXPECT_EQ(get.content_type, "application/json");
  // The query service sees the same document and CAS.
  Value q = server_->MustRun("SELECT META(d).cas AS cas, d.x FROM shop d USE KEYS \"a1\"");
  EXPECT_EQ(std::to_string(q.Field("results").Element(0).Field("cas").AsInt()),
            etag.substr(1, etag.size() - 2));
}

TEST_F(KvRest, IfMatchReplacesOnlyTheVersionItNames) {
  auto first = server_->Send("PUT", std::string(kDoc) + "c1", R"({"v":1})", "application/json");
  const std::string etag = Header(first, "ETag");
  auto second = server_->Send("PUT", std::string(kDoc) + "c1", R"({"v":2})", "application/json",
                              {{"If-Match", etag}});
  ASSERT_EQ(second.http_status, 200) << second.body;
  EXPECT_NE(Header(second, "ETag"), etag);
  auto stale = server_->Send("PUT", std::string(kDoc) + "c1", R"({"v":3})", "application/json",
                             {{"If-Match", etag}});
  ExpectError(stale, 412, "KEY_EEXISTS", 2);
  EXPECT_EQ(server_->Send("GET", std::string(kDoc) + "c1").json, ParseJson(R"({"v":2})").value());
  auto stale_delete =
      server_->Send("DELETE", std::string(kDoc) + "c1", "", "", {{"If-Match", etag}});
  ExpectError(stale_delete, 412, "KEY_EEXISTS", 2);
  auto bad = server_->Send("PUT", std::string(kDoc) + "c1", "{}", "application/json",
                           {{"If-Match", "\"abc\""}});
  ExpectError(bad, 400, "EINVAL", 4);
}

TEST_F(KvRest, InsertOfAnExistingKeyIs409AndMissingKeysAre404) {
  auto created = server_->Send("POST", std::string(kDoc) + "i1", "[1]", "application/json");
  EXPECT_EQ(created.http_status, 201) << created.body;
  auto again = server_->Send("POST", std::string(kDoc) + "i1", "[2]", "application/json");
  ExpectError(again, 409, "KEY_EEXISTS", 2);
  ExpectError(server_->Send("GET", std::string(kDoc) + "missing"), 404, "KEY_ENOENT", 1);
  ExpectError(server_->Send("DELETE", std::string(kDoc) + "missing"), 404, "KEY_ENOENT", 1);
  ExpectError(server_->Send("PUT", std::string(kDoc) + "missing", "{}", "application/json",
                            {{"If-Match", "*"}}),
              404, "KEY_ENOENT", 1);
}

TEST_F(KvRest, DeleteWithAndWithoutCas) {
  auto put = server_->Send("PUT", std::string(kDoc) + "d1", "{}", "application/json");
  auto removed = server_->Send("DELETE", std::string(kDoc) + "d1", "", "",
                               {{"If-Match", Header(put, "ETag")}});
  EXPECT_EQ(removed.http_status, 200) << removed.body;
  ExpectError(server_->Send("GET", std::string(kDoc) + "d1"), 404, "KEY_ENOENT", 1);
  server_->Send("PUT", std::string(kDoc) + "d2", "{}", "application/json");
  EXPECT_EQ(server_->Send("DELETE", std::string(kDoc) + "d2").http_status, 200);
}

TEST_F(KvRest, LockedDocumentsAre423UntilUnlockedWithTheLockCas) {
  server_->Send("PUT", std::string(kDoc) + "l1", R"({"n":1})", "application/json");
  auto locked = server_->Send("POST", std::string(kDoc) + "l1/lock?seconds=10");
  ASSERT_EQ(locked.http_status, 200) << locked.body;
  EXPECT_EQ(locked.json, ParseJson(R"({"n":1})").value());
  const std::string lock_cas = Header(locked, "ETag");
  ExpectError(server_->Send("PUT", std::string(kDoc) + "l1", "{}", "application/json"), 423,
              "LOCKED", 9);
  ExpectError(server_->Send("POST", std::string(kDoc) + "l1/unlock"), 400, "EINVAL", 4);
  ExpectError(
      server_->Send("POST", std::string(kDoc) + "l1/unlock", "", "", {{"If-Match", "\"12345\""}}),
      423, "LOCKED", 9);
  auto unlocked =
      server_->Send("POST", std::string(kDoc) + "l1/unlock", "", "", {{"If-Match", lock_cas}});
  EXPECT_EQ(unlocked.http_status, 200) << unlocked.body;
  EXPECT_EQ(server_->Send("PUT", std::string(kDoc) + "l1", "{}", "application/json").http_status,
            200);
  ExpectError(
      server_->Send("POST", std::string(kDoc) + "l1/unlock", "", "", {{"If-Match", lock_cas}}), 409,
      "NOT_LOCKED", 0x0e);
}

TEST_F(KvRest, TouchAndExpirySetTheExpiry) {
  auto put = server_->Send("PUT", std::string(kDoc) + "t1?expiry=3600", "{}", "application/json");
  ASSERT_EQ(put.http_status, 200) << put.body;
  const long long expiry =
      std::stoll(Header(server_->Send("GET", std::string(kDoc) + "t1"), "X-Expiry"));
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  EXPECT_NEAR(expiry, now + 3600, 60);
  auto touched = server_->Send("POST", std::string(kDoc) + "t1/touch?expiry=7200");
  EXPECT_EQ(touched.http_status, 200) << touched.body;
  const long long later =
      std::stoll(Header(server_->Send("GET", std::string(kDoc) + "t1"), "X-Expiry"));
  EXPECT_NEAR(later, now + 7200, 60);
  ExpectError(server_->Send("POST", std::string(kDoc) + "t1/touch"), 400, "EINVAL", 4);
  ExpectError(server_->Send("PUT", std::string(kDoc) + "t1?expiry=-1", "{}", "application/json"),
              400, "EINVAL", 4);
  ExpectError(server_->Send("PUT", std::string(kDoc) + "t1?colour=red", "{}", "application/json"),
              400, "EINVAL", 4);
}

TEST_F(KvRest, NonJsonBodiesAreBinaryDocuments) {
  const std::string bytes("\x01\x02not json", 10);
  auto put = server_->Send("PUT", std::string(kDoc) + "b1", bytes, "application/octet-stream");
  ASSERT_EQ(put.http_status, 200) << put.body;
  auto get = server_->Send("GET", std::string(kDoc) + "b1");
  EXPECT_EQ(get.body, bytes);
  EXPECT_EQ(get.content_type, "application/octet-stream");
  EXPECT_EQ(Header(get, "X-Flags"), std::to_string(0x03000000));
  // A JSON-looking body sent as octet-stream stays binary; invalid JSON is binary too.
  server_->Send("PUT", std::string(kDoc) + "b2", "{\"a\":1}", "application/octet-stream");
  EXPECT_EQ(server_->Send("GET", std::string(kDoc) + "b2").content_type,
            "application/octet-stream");
  server_->Send("PUT", std::string(kDoc) + "b3", "{oops", "application/json");
  EXPECT_EQ(server_->Send("GET", std::string(kDoc) + "b3").content_type,
            "application/octet-stream");
  Value q = server_->MustRun("SELECT META(d).type AS t FROM shop d USE KEYS \"b1\"");
  EXPECT_EQ(q.Field("results").Element(0).Field("t"), Value("base64"));
}

TEST_F(KvRest, KeysArePercentDecodedAndNeverPaths) {
  auto put = server_->Send("PUT", "/kv/shop/inv/items/a%2Fb%20c", R"({"k":1})", "application/json");
  ASSERT_EQ(put.http_status, 200) << put.body;
  Value q = server_->MustRun("SELECT META(i).id FROM shop.inv.items i USE KEYS \"a/b c\"");
  EXPECT_EQ(q.Field("results"), ParseJson(R"([{"id":"a/b c"}])").value());
  auto dots =
      server_->Send("PUT", "/kv/shop/inv/items/..%2F..%2Fetc%2Fpasswd", "{}", "application/json");
  EXPECT_EQ(dots.http_status, 200) << "just a key: " << dots.body;
  Value d =
      server_->MustRun("SELECT META(i).id FROM shop.inv.items i USE KEYS \"../../etc/passwd\"");
  EXPECT_EQ(d.Field("results").Element(0).Field("id"), Value("../../etc/passwd"));
  ExpectError(server_->Send("GET", "/kv/shop/inv/items/a/b"), 400, "EINVAL", 4);
  ExpectError(server_->Send("GET", "/kv/shop/inv/items/%zz"), 400, "EINVAL", 4);
}

TEST_F(KvRest, UnknownKeyspacesAre404AndBadDurabilityIs400) {
  auto no_bucket = server_->Send("GET", "/kv/nope/_default/_default/k");
  EXPECT_EQ(no_bucket.http_status, 404) << no_bucket.body;
  EXPECT_EQ(no_bucket.json.Field("status"), Value("NO_BUCKET"));
  auto no_collection = server_->Send("PUT", "/kv/shop/inv/nope/k", "{}", "application/json");
  EXPECT_EQ(no_collection.http_status, 404) << no_collection.body;
  EXPECT_EQ(no_collection.json.Field("status"), Value("UNKNOWN_COLLECTION"));
  auto durable =
      server_->Send("PUT", std::string(kDoc) + "dur?durability=majority", "{}", "application/json");
  EXPECT_EQ(durable.http_status, 200) << durable.body;
  ExpectError(
      server_->Send("PUT", std::string(kDoc) + "dur?durability=always", "{}", "application/json"),
      400, "DurabilityInvalidLevel", 0xa0);
}

TEST_F(KvRest, OversizedValuesAre413) {
  const std::string big = "\"" + std::string(21 << 20, 'x') + "\"";
  auto r = server_->Send("PUT", std::string(kDoc) + "big", big, "application/json");
  ExpectError(r, 413, "E2BIG", 3);
}

}  // namespace
}  // namespace casql::testing
