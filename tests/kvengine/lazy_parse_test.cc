// Documents replayed by recovery keep only their bytes and parse them on first use
// (StoredDoc::json); writes parse at once. Both must read back as the same JSON, from any number
// of threads, and bytes that are not JSON must never read as JSON.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "kv_test_util.h"
#include "value/json.h"

namespace casql::kv {
namespace {

using testing::Find;
using testing::Json;
using testing::OpenEngine;
using testing::TempDir;

constexpr const char* kDocument = R"({"a":[1,2.5,"x"],"b":{"c":null,"d":true},"e":-7})";

TEST(LazyParse, ParsesOnFirstUseOnly) {
  DocPtr doc = MakeDocParsedOnUse(kDocument);
  EXPECT_TRUE(doc->is_json);
  EXPECT_FALSE(doc->parsed());
  const Value& first = doc->json();
  EXPECT_TRUE(doc->parsed());
  EXPECT_EQ(first, ParseJson(kDocument).value());
  EXPECT_EQ(&doc->json(), &first) << "a second use must not parse again";
}

TEST(LazyParse, WritesParseAtOnce) {
  DocPtr doc = MakeDocFromBytes(kDocument);
  EXPECT_TRUE(doc->parsed());
  EXPECT_EQ(doc->json(), ParseJson(kDocument).value());
}

TEST(LazyParse, BytesThatAreNotJsonStayBinary) {
  // Each of these fails ParseJson for a different reason; the check at recovery must agree.
  const std::vector<std::string> not_json = {
      "not json {",    "{\"a\":1} trailing",
      "\x01\x02",      "[1e400]",
      R"(["\udc00"])", std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']'),
      "\"\xff\xfe\"",  ""};
  for (const std::string& bytes : not_json) {
    DocPtr doc = MakeDocParsedOnUse(bytes);
    EXPECT_FALSE(doc->is_json) << bytes;
    EXPECT_TRUE(doc->json().IsMissing()) << bytes;
    EXPECT_FALSE(doc->parsed()) << "a binary document has nothing to parse";
    EXPECT_FALSE(MakeDocFromBytes(bytes)->is_json) << bytes;
  }
}

TEST(LazyParse, ConcurrentFirstUseSharesOneValue) {
  constexpr int kThreads = 8;
  for (int round = 0; round < 20; ++round) {
    DocPtr doc = MakeDocParsedOnUse(kDocument);
    std::vector<const Value*> seen(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] { seen[t] = &doc->json(); });
    }
    for (std::thread& thread : threads) thread.join();
    for (int t = 0; t < kThreads; ++t) {
      EXPECT_EQ(seen[t], seen[0]) << "every reader gets the published copy";
    }
    EXPECT_EQ(*seen[0], ParseJson(kDocument).value());
  }
}

TEST(LazyParse, RecoveredDocumentsReadBackAsWritten) {
  TempDir dir;
  {
    auto engine = OpenEngine(dir.path());
    ASSERT_TRUE(engine->CreateBucket("b").ok());
    auto c = Find(*engine, {"b"});
    ASSERT_TRUE(c->Upsert("json", Json(kDocument), {}).ok());
    ASSERT_TRUE(c->Upsert("spaced", Json(" [ 1 , {\"k\" : \"v\"} ]\n"), {}).ok());
    ASSERT_TRUE(c->Upsert("bin", MakeDocFromBytes("{\"unterminated\":"), {}).ok());
    ASSERT_TRUE(c->Upsert("huge", MakeDocFromBytes("1e400"), {}).ok());
  }
  auto engine = OpenEngine(dir.path());
  auto c = Find(*engine, {"b"});
  DocPtr json = c->Get("json")->doc;
  EXPECT_EQ(json->bytes, kDocument);
  EXPECT_FALSE(json->parsed()) << "recovery must not parse";
  EXPECT_EQ(json->json(), ParseJson(kDocument).value());
  EXPECT_EQ(c->Get("spaced")->doc->json(), ParseJson(R"([1,{"k":"v"}])").value());
  for (const char* key : {"bin", "huge"}) {
    DocPtr doc = c->Get(key)->doc;
    EXPECT_FALSE(doc->is_json) << key;
    EXPECT_TRUE(doc->json().IsMissing()) << key;
  }
}

TEST(LazyParse, ConcurrentReadersOfRecoveredDocuments) {
  TempDir dir;
  constexpr int kDocs = 200;
  {
    auto engine = OpenEngine(dir.path());
    ASSERT_TRUE(engine->CreateBucket("b").ok());
    auto c = Find(*engine, {"b"});
    for (int i = 0; i < kDocs; ++i) {
      ASSERT_TRUE(
          c->Upsert("k" + std::to_string(i), Json("{\"n\":" + std::to_string(i) + "}"), {}).ok());
    }
  }
  auto engine = OpenEngine(dir.path());
  auto c = Find(*engine, {"b"});
  std::vector<std::thread> readers;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&, t] {
      for (int i = 0; i < kDocs; ++i) {
        const Value& n = c->Get("k" + std::to_string(i))->doc->json().Field("n");
        if (n != Value(int64_t{i})) ++wrong[t];
      }
    });
  }
  for (std::thread& reader : readers) reader.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(wrong[t], 0) << "reader " << t;
}

}  // namespace
}  // namespace casql::kv
