// Sub-document multi-lookup and multi-mutation over the wire.
#include <gtest/gtest.h>

#include "http/kv_binary/frame.h"
#include "http/kv_binary/opcodes.h"
#include "http/kv_binary/subdoc_mutation.h"
#include "http/kv_binary/subdoc_path.h"
#include "http/kv_binary/wire_status.h"
#include "tests/kv_binary/server_fixture.h"
#include "value/json.h"

namespace casql::kvbin {
namespace {

using testing::KvClient;
using testing::Request;
using testing::StoreExtras;

std::string LookupSpec(uint8_t opcode, std::string_view path) {
  std::string spec;
  spec.push_back(static_cast<char>(opcode));
  spec.push_back('\0');
  AppendU16(static_cast<uint16_t>(path.size()), &spec);
  spec.append(path);
  return spec;
}

std::string MutationSpec(uint8_t opcode, std::string_view path, std::string_view value,
                         uint8_t flags = 0) {
  std::string spec;
  spec.push_back(static_cast<char>(opcode));
  spec.push_back(static_cast<char>(flags));
  AppendU16(static_cast<uint16_t>(path.size()), &spec);
  AppendU32(static_cast<uint32_t>(value.size()), &spec);
  spec.append(path);
  spec.append(value);
  return spec;
}

// (status, value) of each lookup result.
std::vector<std::pair<uint16_t, std::string>> LookupResults(std::string_view body) {
  std::vector<std::pair<uint16_t, std::string>> results;
  size_t pos = 0;
  while (pos + 6 <= body.size()) {
    const uint16_t status = ReadU16(body, pos);
    const uint32_t len = ReadU32(body, pos + 2);
    results.emplace_back(status, std::string(body.substr(pos + 6, len)));
    pos += 6 + len;
  }
  return results;
}

class SubdocTest : public testing::KvServerTest {
 protected:
  void SetUp() override {
    KvServerTest::SetUp();
    Bootstrap(client_);
    ASSERT_EQ(client_
                  .Call(Request{kSet, "h", StoreExtras(0x02000000, 0),
                                R"({"name":"Medway","geo":{"lat":51},"tags":["a","b"],"n":1})"})
                  ->status,
              kSuccess);
  }
  std::string Document(const std::string& key) { return client_.Call(Request{kGet, key})->value; }
  KvClient client_;
};

TEST_F(SubdocTest, MultiLookupReportsEachPath) {
  const auto r = client_.Call(
      Request{kSubdocMultiLookup,
              "h",
              {},
              LookupSpec(kSubdocGet, "geo.lat") + LookupSpec(kSubdocExists, "tags[1]") +
                  LookupSpec(kSubdocGet, "nope") + LookupSpec(kSubdocGetCount, "tags") +
                  LookupSpec(kSubdocGet, "name[0]") + LookupSpec(kSubdocGet, "a..b")});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, kSubdocMultiPathFailure);
  const auto results = LookupResults(r->value);
  ASSERT_EQ(results.size(), 6u);
  EXPECT_EQ(results[0], std::make_pair(uint16_t{kSuccess}, std::string("51")));
  EXPECT_EQ(results[1].first, kSuccess);
  EXPECT_EQ(results[2].first, kSubdocPathEnoent);
  EXPECT_EQ(results[3], std::make_pair(uint16_t{kSuccess}, std::string("2")));
  EXPECT_EQ(results[4].first, kSubdocPathMismatch);
  EXPECT_EQ(results[5].first, kSubdocPathEinval);

  const auto ok = client_.Call(Request{kSubdocMultiLookup, "h", {}, LookupSpec(kSubdocGetDoc, "")});
  EXPECT_EQ(ok->status, kSuccess);
  EXPECT_EQ(
      client_.Call(Request{kSubdocMultiLookup, "missing", {}, LookupSpec(kSubdocGet, "a")})->status,
      kKeyEnoent);
}

TEST_F(SubdocTest, MultiMutationAppliesAllOrNothing) {
  const auto r = client_.Call(Request{
      kSubdocMultiMutation,
      "h",
      {},
      MutationSpec(kSubdocReplace, "name", "\"New\"") +
          MutationSpec(kSubdocDictUpsert, "address.city", "\"Leeds\"", kSubdocMkdirP) +
          MutationSpec(kSubdocArrayPushLast, "tags", "\"c\",\"d\"") +
          MutationSpec(kSubdocArrayInsert, "tags[0]", "\"z\"") +
          MutationSpec(kSubdocCounter, "n", "41") + MutationSpec(kSubdocDelete, "geo", "")});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, kSuccess) << r->value;
  EXPECT_EQ(r->extras.size(), 16u);
  // Only the counter returns a value: index 4, SUCCESS, "42".
  EXPECT_EQ(r->value, std::string("\x04\x00\x00\x00\x00\x00\x02"
                                  "42",
                                  9));
  EXPECT_EQ(Document("h"),
            R"({"name":"New","tags":["z","a","b","c","d"],"n":42,"address":{"city":"Leeds"}})");

  const auto failed = client_.Call(
      Request{kSubdocMultiMutation,
              "h",
              {},
              MutationSpec(kSubdocDictUpsert, "x", "1") + MutationSpec(kSubdocDictAdd, "n", "1")});
  EXPECT_EQ(failed->status, kSubdocMultiPathFailure);
  EXPECT_EQ(failed->value, std::string("\x01\x00\xc9", 3));   // spec 1: PATH_EEXISTS
  EXPECT_EQ(Document("h").find("\"x\""), std::string::npos);  // spec 0 was not applied
}

TEST_F(SubdocTest, MultiMutationCasAndDocumentFlags) {
  const uint64_t cas = client_.Call(Request{kGet, "h"})->cas;
  EXPECT_EQ(
      client_
          .Call(Request{
              kSubdocMultiMutation, "h", {}, MutationSpec(kSubdocDictUpsert, "v", "1"), cas + 1})
          ->status,
      kKeyEexists);
  EXPECT_EQ(client_
                .Call(Request{
                    kSubdocMultiMutation, "h", {}, MutationSpec(kSubdocDictUpsert, "v", "1"), cas})
                ->status,
            kSuccess);
  EXPECT_EQ(client_
                .Call(Request{
                    kSubdocMultiMutation, "fresh", {}, MutationSpec(kSubdocDictUpsert, "v", "1")})
                ->status,
            kKeyEnoent);
  EXPECT_EQ(client_
                .Call(Request{kSubdocMultiMutation, "fresh", std::string(1, '\x01'),
                              MutationSpec(kSubdocDictUpsert, "v", "1")})
                ->status,
            kSuccess);  // MKDOC
  EXPECT_EQ(Document("fresh"), R"({"v":1})");
  EXPECT_EQ(client_
                .Call(Request{kSubdocMultiMutation, "fresh", std::string(1, '\x02'),
                              MutationSpec(kSubdocDictUpsert, "v", "1")})
                ->status,
            kKeyEexists);  // ADD
  EXPECT_EQ(
      client_
          .Call(Request{kSubdocMultiMutation, "fresh", {}, MutationSpec(kSubdocDeleteDoc, "", "")})
          ->status,
      kSuccess);
  EXPECT_EQ(client_.Call(Request{kGet, "fresh"})->status, kKeyEnoent);
}

TEST(SubdocPath, ParsesFieldsIndexesAndEscapes) {
  const auto steps = ParseSubdocPath("a.`b.c`[2][-1].d``e");
  ASSERT_FALSE(steps.has_value());  // a backquote inside an unquoted name
  const auto ok = ParseSubdocPath("a.`b.c`[2][-1].`d``e`");
  ASSERT_TRUE(ok.has_value());
  ASSERT_EQ(ok->size(), 5u);
  EXPECT_EQ((*ok)[1].field, "b.c");
  EXPECT_TRUE((*ok)[2].is_index);
  EXPECT_EQ((*ok)[2].index, 2);
  EXPECT_EQ((*ok)[3].index, -1);
  EXPECT_EQ((*ok)[4].field, "d`e");
  EXPECT_TRUE(ParseSubdocPath("")->empty());
  for (const char* bad : {"a.", ".a", "a[", "a[x]", "a[-2]", "a..b", "a[0]b"}) {
    EXPECT_FALSE(ParseSubdocPath(bad).has_value()) << bad;
  }
}

TEST(SubdocMutation, StatusesOfSinglePaths) {
  Value doc = *ParseJson(R"({"a":{"b":1},"arr":[1,2],"s":"x"})");
  EXPECT_EQ(ApplySubdocMutation(&doc, {kSubdocDictUpsert, 0, "x.y", "1"}).status,
            kSubdocPathEnoent);
  EXPECT_EQ(ApplySubdocMutation(&doc, {kSubdocDictUpsert, 0, "s.y", "1"}).status,
            kSubdocPathMismatch);
  EXPECT_EQ(ApplySubdocMutation(&doc, {kSubdocDictUpsert, 0, "a.c", "{bad"}).status,
            kSubdocValueCantinsert);
  EXPECT_EQ(ApplySubdocMutation(&doc, {kSubdocReplace, 0, "arr[5]", "1"}).status,
            kSubdocPathEnoent);
  EXPECT_EQ(ApplySubdocMutation(&doc, {kSubdocArrayAddUnique, 0, "arr", "2"}).status,
            kSubdocPathEexists);
  EXPECT_EQ(ApplySubdocMutation(&doc, {kSubdocCounter, 0, "s", "1"}).status, kSubdocPathMismatch);
  EXPECT_EQ(ApplySubdocMutation(&doc, {kSubdocCounter, 0, "a.b", "0"}).status, kSubdocDeltaEinval);
  Value big = *ParseJson(R"({"n":9223372036854775807})");
  EXPECT_EQ(ApplySubdocMutation(&big, {kSubdocCounter, 0, "n", "1"}).status, kSubdocNumErange);
  EXPECT_EQ(
      ApplySubdocMutation(&doc, {kSubdocArrayPushFirst, kSubdocMkdirP, "new.list", "1"}).status,
      kSuccess);
  EXPECT_EQ(ToJson(doc), R"({"a":{"b":1},"arr":[1,2],"s":"x","new":{"list":[1]}})");
}

}  // namespace
}  // namespace casql::kvbin
