#include <gtest/gtest.h>

#include "kv_test_util.h"
#include "kvengine/keyspace_names.h"

namespace casql::kv {
namespace {

using testing::MemoryEngine;

TEST(KeyspaceNames, BucketNames) {
  EXPECT_TRUE(ValidateBucketName("travel-sample").ok());
  EXPECT_TRUE(ValidateBucketName("a.b_c%d-9").ok());
  EXPECT_TRUE(ValidateBucketName(std::string(100, 'x')).ok());
  EXPECT_EQ(ValidateBucketName("").code(), KvStatus::kEinval);
  EXPECT_EQ(ValidateBucketName(std::string(101, 'x')).code(), KvStatus::kEinval);
  EXPECT_EQ(ValidateBucketName("a b").code(), KvStatus::kEinval);
  EXPECT_EQ(ValidateBucketName("a/b").code(), KvStatus::kEinval);
  EXPECT_EQ(ValidateBucketName(".hidden").code(), KvStatus::kEinval);
  EXPECT_NE(ValidateBucketName("a b").message().find("only A-Z"), std::string::npos);
}

TEST(KeyspaceNames, ScopeAndCollectionNames) {
  EXPECT_TRUE(ValidateScopeName("_default").ok());
  EXPECT_TRUE(ValidateCollectionName("_default").ok());
  EXPECT_TRUE(ValidateScopeName("inventory-2%x_y").ok());
  EXPECT_TRUE(ValidateCollectionName(std::string(251, 'c')).ok());
  EXPECT_EQ(ValidateCollectionName(std::string(252, 'c')).code(), KvStatus::kEinval);
  EXPECT_EQ(ValidateScopeName("").code(), KvStatus::kEinval);
  EXPECT_EQ(ValidateScopeName("_system").code(), KvStatus::kEinval);
  EXPECT_EQ(ValidateCollectionName("%c").code(), KvStatus::kEinval);
  EXPECT_EQ(ValidateCollectionName("a.b").code(), KvStatus::kEinval);
  EXPECT_NE(ValidateScopeName("_x").message().find("must not start with"), std::string::npos);
}

TEST(KeyspaceNames, Keys) {
  EXPECT_TRUE(ValidateKey("k").ok());
  EXPECT_TRUE(ValidateKey(std::string(250, 'k')).ok());
  EXPECT_EQ(ValidateKey("").code(), KvStatus::kEinval);
  EXPECT_EQ(ValidateKey(std::string(251, 'k')).code(), KvStatus::kEinval);
}

TEST(Keyspaces, CreateListFindDrop) {
  MemoryEngine m;
  Engine& e = *m.engine;
  EXPECT_EQ(e.CreateBucket("b").code(), KvStatus::kKeyEexists);
  EXPECT_EQ(e.CreateBucket("bad name").code(), KvStatus::kEinval);
  EXPECT_EQ(e.ListBuckets(), std::vector<std::string>{"b"});
  EXPECT_EQ(e.ListScopes("b"), std::vector<std::string>{"_default"});
  EXPECT_EQ(e.ListCollections("b", "_default"), std::vector<std::string>{"_default"});

  ASSERT_TRUE(e.CreateScope("b", "inventory").ok());
  EXPECT_EQ(e.CreateScope("b", "inventory").code(), KvStatus::kKeyEexists);
  EXPECT_EQ(e.CreateScope("b", "_x").code(), KvStatus::kEinval);
  EXPECT_EQ(e.CreateScope("nob", "s").code(), KvStatus::kNoBucket);
  ASSERT_TRUE(e.CreateCollection("b", "inventory", "airline").ok());
  EXPECT_EQ(e.CreateCollection("b", "inventory", "airline").code(), KvStatus::kKeyEexists);
  EXPECT_EQ(e.CreateCollection("b", "nos", "airline").code(), KvStatus::kUnknownScope);
  EXPECT_EQ(e.ListCollections("b", "inventory"), std::vector<std::string>{"airline"});

  EXPECT_TRUE(e.FindCollection({"b", "inventory", "airline"}).ok());
  EXPECT_EQ(e.FindCollection({"x", "inventory", "airline"}).status().code(), KvStatus::kNoBucket);
  EXPECT_EQ(e.FindCollection({"b", "nos", "airline"}).status().code(), KvStatus::kUnknownScope);
  EXPECT_EQ(e.FindCollection({"b", "inventory", "no"}).status().code(),
            KvStatus::kUnknownCollection);

  EXPECT_EQ(e.DropScope("b", "_default").code(), KvStatus::kEinval);
  EXPECT_EQ(e.DropCollection("b", "_default", "_default").code(), KvStatus::kEinval);
  EXPECT_EQ(e.CreateScope("b", "_default").code(), KvStatus::kKeyEexists);
  EXPECT_EQ(e.CreateCollection("b", "_default", "_default").code(), KvStatus::kKeyEexists);
  EXPECT_EQ(e.CreateCollection("b", "inventory", "_default").code(), KvStatus::kEinval);
  EXPECT_EQ(e.DropCollection("b", "inventory", "no").code(), KvStatus::kUnknownCollection);
  EXPECT_TRUE(e.DropCollection("b", "inventory", "airline").ok());
  EXPECT_TRUE(e.ListCollections("b", "inventory").empty());
  EXPECT_TRUE(e.DropScope("b", "inventory").ok());
  EXPECT_EQ(e.DropScope("b", "inventory").code(), KvStatus::kUnknownScope);
  EXPECT_TRUE(e.DropBucket("b").ok());
  EXPECT_EQ(e.DropBucket("b").code(), KvStatus::kNoBucket);
  EXPECT_TRUE(e.ListBuckets().empty());
}

TEST(Keyspaces, DroppedCollectionStaysSafeForHolders) {
  MemoryEngine m;
  ASSERT_TRUE(m.collection->Upsert("k", testing::Json("1"), {}).ok());
  ASSERT_TRUE(m.engine->DropBucket("b").ok());
  // A query still holding the collection can read what it had and cannot write.
  EXPECT_TRUE(m.collection->Get("k").ok());
  EXPECT_EQ(m.collection->Upsert("k", testing::Json("2"), {}).status().code(),
            KvStatus::kUnknownCollection);
  ASSERT_TRUE(m.engine->CreateBucket("b").ok());
  auto fresh = m.engine->FindCollection({"b"});
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ((*fresh)->Get("k").status().code(), KvStatus::kKeyEnoent);
}

TEST(KvStatusNames, AreKvEngineNames) {
  EXPECT_STREQ(KvStatusName(KvStatus::kKeyEexists), "KEY_EEXISTS");
  EXPECT_STREQ(KvStatusName(KvStatus::kKeyEnoent), "KEY_ENOENT");
  EXPECT_STREQ(KvStatusName(KvStatus::kLocked), "LOCKED");
  EXPECT_STREQ(KvStatusName(KvStatus::kNotLocked), "NOT_LOCKED");
  EXPECT_STREQ(KvStatusName(KvStatus::kTmpfail), "ETMPFAIL");
  EXPECT_STREQ(KvStatusName(KvStatus::kSyncWriteAmbiguous), "SyncWriteAmbiguous");
  Status status(KvStatus::kE2big, "too big");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.ToString(), "E2BIG: too big");
  EXPECT_TRUE(Status().ok());
}

}  // namespace
}  // namespace casql::kv
