// Each opcode's status table over the wire, as kv_engine answers it (reference/kv-cas.md §2).
#include <gtest/gtest.h>

#include "http/kv_binary/frame.h"
#include "http/kv_binary/leb128.h"
#include "http/kv_binary/opcodes.h"
#include "http/kv_binary/wire_status.h"
#include "tests/kv_binary/server_fixture.h"

namespace casql::kvbin {
namespace {

using testing::KvClient;
using testing::Request;
using testing::Response;
using testing::StoreExtras;
using testing::U32;

class OpcodeStatusTest : public testing::KvServerTest {
 protected:
  void SetUp() override {
    KvServerTest::SetUp();
    Bootstrap(client_);
  }

  Response Call(Request r) {
    auto response = client_.Call(r);
    EXPECT_TRUE(response.has_value());
    return response.value_or(Response{});
  }
  Response Set(const std::string& key, const std::string& value, uint64_t cas = 0,
               uint8_t opcode = kSet) {
    return Call(Request{opcode, key, StoreExtras(0x02000000, 0), value, cas, kDatatypeJson});
  }
  uint16_t Status(Request r) { return Call(std::move(r)).status; }

  KvClient client_;
};

TEST_F(OpcodeStatusTest, Get) {
  EXPECT_EQ(Status(Request{kGet, "missing"}), kKeyEnoent);
  const Response stored = Set("k", "{\"a\":1}");
  ASSERT_EQ(stored.status, kSuccess);
  EXPECT_NE(stored.cas, 0u);
  EXPECT_EQ(stored.extras.size(), 16u);  // vBucket UUID + seqno (MUTATION_SEQNO)
  const Response got = Call(Request{kGet, "k"});
  EXPECT_EQ(got.status, kSuccess);
  EXPECT_EQ(got.value, "{\"a\":1}");
  EXPECT_EQ(got.cas, stored.cas);
  EXPECT_EQ(got.extras, U32(0x02000000));
  EXPECT_EQ(got.datatype, kDatatypeJson);
  EXPECT_TRUE(got.key.empty());
  EXPECT_EQ(Call(Request{kGetK, "k"}).key, "k");
  EXPECT_EQ(Status(Request{kGet, "k", {}, {}, stored.cas}), kEinval);  // CAS must not be set
  EXPECT_EQ(Status(Request{kGet, "k", U32(1)}), kEinval);              // no extras
  EXPECT_EQ(Status(Request{kGet, ""}), kEinval);                       // key required
}

TEST_F(OpcodeStatusTest, SetAddReplaceWithCas) {
  EXPECT_EQ(Set("k", "1", 12345).status, kKeyEnoent);  // CAS on a missing document
  const Response first = Set("k", "1");
  ASSERT_EQ(first.status, kSuccess);
  EXPECT_EQ(Set("k", "2", first.cas + 1).status, kKeyEexists);
  const Response second = Set("k", "2", first.cas);
  EXPECT_EQ(second.status, kSuccess);
  EXPECT_NE(second.cas, first.cas);

  EXPECT_EQ(Set("k", "3", 0, kAdd).status, kKeyEexists);
  EXPECT_EQ(Set("new", "3", second.cas, kAdd).status, kEinval);  // ADD takes no CAS
  EXPECT_EQ(Set("new", "3", 0, kAdd).status, kSuccess);

  EXPECT_EQ(Set("absent", "4", 0, kReplace).status, kKeyEnoent);
  EXPECT_EQ(Set("k", "4", first.cas, kReplace).status, kKeyEexists);
  EXPECT_EQ(Set("k", "4", second.cas, kReplace).status, kSuccess);

  EXPECT_EQ(Status(Request{kSet, "k", U32(0), "5"}), kEinval);  // extras must be 8 bytes
  EXPECT_EQ(Status(Request{kSet, "k", StoreExtras(0, 0), "5", 0, kDatatypeSnappy}), kEinval);
}

TEST_F(OpcodeStatusTest, Delete) {
  EXPECT_EQ(Status(Request{kDelete, "missing"}), kKeyEnoent);
  const Response stored = Set("k", "1");
  EXPECT_EQ(Status(Request{kDelete, "k", {}, {}, stored.cas + 1}), kKeyEexists);
  const Response removed = Call(Request{kDelete, "k", {}, {}, stored.cas});
  EXPECT_EQ(removed.status, kSuccess);
  EXPECT_NE(removed.cas, 0u);  // the tombstone's CAS
  EXPECT_EQ(Status(Request{kGet, "k"}), kKeyEnoent);
}

std::string CounterExtras(uint64_t delta, uint64_t initial, uint32_t expiry) {
  std::string extras;
  AppendU64(delta, &extras);
  AppendU64(initial, &extras);
  AppendU32(expiry, &extras);
  return extras;
}

TEST_F(OpcodeStatusTest, IncrementDecrement) {
  EXPECT_EQ(Status(Request{kIncrement, "c", CounterExtras(1, 0, 0xffffffff)}), kKeyEnoent);
  const Response created = Call(Request{kIncrement, "c", CounterExtras(5, 10, 0)});
  ASSERT_EQ(created.status, kSuccess);
  EXPECT_EQ(ReadU64(created.value, 0), 10u);  // initial returned, delta ignored
  const Response incremented = Call(Request{kIncrement, "c", CounterExtras(5, 0, 0)});
  EXPECT_EQ(ReadU64(incremented.value, 0), 15u);
  const Response decremented = Call(Request{kDecrement, "c", CounterExtras(100, 0, 0)});
  EXPECT_EQ(ReadU64(decremented.value, 0), 0u);  // stops at zero
  EXPECT_EQ(Status(Request{kIncrement, "c", CounterExtras(1, 0, 0), {}, created.cas}), kEinval);
  Set("text", "\"abc\"");
  EXPECT_EQ(Status(Request{kIncrement, "text", CounterExtras(1, 0, 0)}), kDeltaBadval);
  EXPECT_EQ(Status(Request{kIncrement, "c", U32(1)}), kEinval);
}

TEST_F(OpcodeStatusTest, AppendPrepend) {
  EXPECT_EQ(Status(Request{kAppend, "missing", {}, "x"}), kNotStored);
  const Response stored = Set("t", "ab");
  EXPECT_EQ(Status(Request{kAppend, "t", {}, "c", stored.cas + 1}), kKeyEexists);
  EXPECT_EQ(Status(Request{kAppend, "t", {}, "c", stored.cas}), kSuccess);
  EXPECT_EQ(Status(Request{kPrepend, "t", {}, ">"}), kSuccess);
  EXPECT_EQ(Call(Request{kGet, "t"}).value, ">abc");
}

TEST_F(OpcodeStatusTest, TouchAndGat) {
  EXPECT_EQ(Status(Request{kTouch, "missing", U32(100)}), kKeyEnoent);
  const Response stored = Set("k", "1");
  EXPECT_EQ(Status(Request{kTouch, "k", U32(100), {}, stored.cas}), kEinval);
  const Response touched = Call(Request{kTouch, "k", U32(100)});
  EXPECT_EQ(touched.status, kSuccess);
  EXPECT_NE(touched.cas, stored.cas);  // the expiry changed: a mutation
  const Response gat = Call(Request{kGat, "k", U32(100)});
  EXPECT_EQ(gat.status, kSuccess);
  EXPECT_EQ(gat.value, "1");
  EXPECT_EQ(Status(Request{kTouch, "k"}), kEinval);  // expiry extras required
}

TEST_F(OpcodeStatusTest, GetLockedAndUnlock) {
  EXPECT_EQ(Status(Request{kGetLocked, "missing", U32(5)}), kKeyEnoent);
  const Response stored = Set("k", "1");
  const Response locked = Call(Request{kGetLocked, "k", U32(5)});
  ASSERT_EQ(locked.status, kSuccess);
  EXPECT_NE(locked.cas, stored.cas);
  EXPECT_EQ(Status(Request{kGetLocked, "k", U32(5)}), kLocked);
  EXPECT_EQ(Call(Request{kGet, "k"}).cas, 0xffffffffffffffffull);  // readers see LOCKED_CAS
  EXPECT_EQ(Set("k", "2").status, kLocked);
  EXPECT_EQ(Set("k", "2", stored.cas).status, kLocked);
  EXPECT_EQ(Status(Request{kUnlockKey, "k"}), kEinval);  // CAS required
  EXPECT_EQ(Status(Request{kUnlockKey, "k", {}, {}, locked.cas + 1}), kLocked);
  EXPECT_EQ(Status(Request{kUnlockKey, "k", {}, {}, locked.cas}), kSuccess);
  EXPECT_EQ(Status(Request{kUnlockKey, "k", {}, {}, locked.cas}), kNotLocked);
  EXPECT_EQ(Call(Request{kGet, "k"}).cas, stored.cas);  // the pre-lock CAS is back
  EXPECT_EQ(Status(Request{kGetLocked, "k", U32(5), {}, stored.cas}), kEinval);
}

TEST_F(OpcodeStatusTest, LockedStatusesWithoutXerrorAreTheLegacyOnes) {
  KvClient legacy;
  ASSERT_TRUE(legacy.Connect(server_->port()));
  ASSERT_TRUE(legacy.Hello({kFeatureJson}).size() == 1);
  ASSERT_EQ(legacy.Authenticate("PLAIN", "Administrator", "password"), kSuccess);
  ASSERT_EQ(legacy.SelectBucket("b"), kSuccess);
  Set("k", "1");
  ASSERT_EQ(Call(Request{kGetLocked, "k", U32(5)}).status, kSuccess);
  EXPECT_EQ(legacy.Call(Request{kGetLocked, "k", U32(5)})->status, kTmpfail);
  EXPECT_EQ(legacy.Call(Request{kSet, "k", StoreExtras(0, 0), "2"})->status, kKeyEexists);
  EXPECT_EQ(legacy.Call(Request{kUnlockKey, "k", {}, {}, 1})->status, kTmpfail);
}

TEST_F(OpcodeStatusTest, GetMeta) {
  EXPECT_EQ(Status(Request{kGetMeta, "missing"}), kKeyEnoent);
  const Response stored = Set("k", "{}");
  const Response v1 = Call(Request{kGetMeta, "k"});
  EXPECT_EQ(v1.status, kSuccess);
  EXPECT_EQ(v1.cas, stored.cas);
  ASSERT_EQ(v1.extras.size(), 20u);
  EXPECT_EQ(ReadU32(v1.extras, 0), 0u);  // not deleted
  EXPECT_EQ(ReadU32(v1.extras, 4), 0x02000000u);
  const Response v2 = Call(Request{kGetMeta, "k", std::string(1, '\2')});
  ASSERT_EQ(v2.extras.size(), 21u);
  EXPECT_EQ(v2.extras[20], kDatatypeJson);
}

TEST_F(OpcodeStatusTest, QuietVariantsAnswerOnlyFailures) {
  ASSERT_TRUE(client_.Send({Request{kSetQ, "q", StoreExtras(0, 0), "1"}, Request{kGetQ, "missing"},
                            Request{kAddQ, "q", StoreExtras(0, 0), "2"}, Request{kGetKQ, "q"},
                            Request{kNoop}}));
  const auto add_failure = client_.Read();
  ASSERT_TRUE(add_failure);
  EXPECT_EQ(add_failure->opcode, kAddQ);
  EXPECT_EQ(add_failure->status, kKeyEexists);
  const auto hit = client_.Read();
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->opcode, kGetKQ);
  EXPECT_EQ(hit->key, "q");
  const auto noop = client_.Read();
  ASSERT_TRUE(noop);
  EXPECT_EQ(noop->opcode, kNoop);
}

TEST_F(OpcodeStatusTest, DurabilityFraming) {
  Request durable{kSet, "d", StoreExtras(0, 0), "1"};
  durable.framing_extras = std::string("\x11\x01", 2);  // majority
  EXPECT_EQ(Status(durable), kSuccess);
  durable.framing_extras = std::string("\x11\x09", 2);
  EXPECT_EQ(Status(durable), kDurabilityInvalidLevel);
  durable.framing_extras = std::string("\x21\x00", 2);
  EXPECT_EQ(Status(durable), kEinval);
  Request read{kGet, "d"};
  read.framing_extras = std::string("\x11\x01", 2);
  EXPECT_EQ(Status(read), kEinval);
}

TEST_F(OpcodeStatusTest, BootstrapCommands) {
  EXPECT_EQ(Status(Request{0x42}), kUnknownCommand);
  const Response map = Call(Request{kGetErrorMap, {}, {}, std::string("\0\2", 2)});
  EXPECT_EQ(map.status, kSuccess);
  EXPECT_NE(map.value.find("\"version\":2"), std::string::npos);
  EXPECT_NE(map.value.find("\"9\":{\"name\":\"LOCKED\""), std::string::npos);
  EXPECT_NE(map.value.find("item-locked"), std::string::npos);
  EXPECT_EQ(Status(Request{kGetErrorMap}), kEinval);

  const Response config = Call(Request{kGetClusterConfig});
  EXPECT_EQ(config.status, kSuccess);
  EXPECT_EQ(config.datatype, kDatatypeJson);
  const std::string port = std::to_string(server_->port());
  EXPECT_NE(config.value.find("\"kv\":" + port), std::string::npos) << config.value;
  EXPECT_NE(config.value.find("\"n1ql\":18093"), std::string::npos);
  EXPECT_NE(config.value.find("\"name\":\"b\""), std::string::npos);
  size_t vbuckets = 0;
  for (size_t at = config.value.find("[0]"); at != std::string::npos;
       at = config.value.find("[0]", at + 1)) {
    ++vbuckets;
  }
  EXPECT_EQ(vbuckets, 1024u);

  EXPECT_EQ(client_.SelectBucket("nosuchbucket"), kKeyEnoent);
  EXPECT_EQ(client_.SelectBucket("@no bucket@"), kSuccess);
  EXPECT_EQ(Status(Request{kGet, "k"}), kNoBucket);
  const Response global = Call(Request{kGetClusterConfig});
  EXPECT_EQ(global.status, kSuccess);
  EXPECT_EQ(global.value.find("vBucketServerMap"), std::string::npos);
  EXPECT_NE(global.value.find("\"n1ql\":18093"), std::string::npos);
}

TEST_F(OpcodeStatusTest, UnauthenticatedRequestsAreRefused) {
  KvClient anonymous;
  ASSERT_TRUE(anonymous.Connect(server_->port()));
  EXPECT_EQ(anonymous.Call(Request{kNoop})->status, kSuccess);
  EXPECT_EQ(anonymous.Call(Request{kSelectBucket, "b"})->status, kEaccess);
  EXPECT_EQ(anonymous.Call(Request{kGet, "k"})->status, kEaccess);
  EXPECT_EQ(anonymous.Call(Request{kGetClusterConfig})->status, kEaccess);
}

class CollectionsTest : public testing::KvServerTest {
 protected:
  void SetUp() override {
    KvServerTest::SetUp();
    ASSERT_TRUE(engine_->CreateScope("b", "inventory").ok());
    ASSERT_TRUE(engine_->CreateCollection("b", "inventory", "airline").ok());
    Bootstrap(client_, {kFeatureCollections});
  }
  KvClient client_;
};

TEST_F(CollectionsTest, CollectionIdsPrefixKeys) {
  const auto id = client_.Call(Request{kGetCollectionId, {}, {}, "inventory.airline"});
  ASSERT_TRUE(id);
  ASSERT_EQ(id->status, kSuccess);
  ASSERT_EQ(id->extras.size(), 12u);
  const uint32_t cid = ReadU32(id->extras, 8);
  EXPECT_GE(cid, 8u);
  const auto default_id = client_.Call(Request{kGetCollectionId, {}, {}, "_default._default"});
  EXPECT_EQ(ReadU32(default_id->extras, 8), 0u);
  EXPECT_EQ(client_.Call(Request{kGetCollectionId, {}, {}, "inventory.nope"})->status,
            kUnknownCollection);
  EXPECT_EQ(client_.Call(Request{kGetCollectionId, {}, {}, "nope.airline"})->status, kUnknownScope);

  std::string key;
  AppendLeb128(cid, &key);
  key += "a1";
  ASSERT_EQ(client_.Call(Request{kSet, key, StoreExtras(0, 0), "{\"x\":1}"})->status, kSuccess);
  auto stored = engine_->FindCollection(kv::KeyspaceId{"b", "inventory", "airline"});
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE((*stored)->Get("a1").ok());
  std::string default_key;
  AppendLeb128(0, &default_key);
  default_key += "a1";
  EXPECT_EQ(client_.Call(Request{kGet, default_key})->status, kKeyEnoent);
  std::string unknown;
  AppendLeb128(4000, &unknown);
  unknown += "a1";
  const auto missing = client_.Call(Request{kGet, unknown});
  EXPECT_EQ(missing->status, kUnknownCollection);
  EXPECT_NE(missing->value.find("manifest_uid"), std::string::npos);

  const auto manifest = client_.Call(Request{kGetCollectionsManifest});
  EXPECT_EQ(manifest->status, kSuccess);
  EXPECT_NE(manifest->value.find("\"name\":\"airline\""), std::string::npos) << manifest->value;
}

}  // namespace
}  // namespace casql::kvbin
