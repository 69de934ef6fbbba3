// The KV protocol with the users of --users (cli::KvUsers): SCRAM-SHA256 from the stored
// PBKDF2-SHA256 hash, PLAIN, and data_reader/data_writer roles per collection.
#include <gtest/gtest.h>

#include "cli/kv_users.h"
#include "http/kv_binary/opcodes.h"
#include "http/kv_binary/wire_status.h"
#include "http/password_hash.h"
#include "tests/kv_binary/server_fixture.h"

namespace casql::kvbin {
namespace {

using testing::KvClient;
using testing::Request;
using testing::StoreExtras;

class UsersTest : public testing::KvServerTest {
 protected:
  void SetUp() override {
    auto opened = kv::Engine::Open(kv::Engine::Options{});
    ASSERT_TRUE(opened.ok());
    engine_ = std::move(opened).value();
    ASSERT_TRUE(engine_->CreateBucket("b").ok());
    ASSERT_TRUE(engine_->CreateBucket("other").ok());
    const std::string hash = http::HashPassword("secret", 1000);
    auto store = http::UserStore::Parse(R"([{"name":"reader","password":")" + hash +
                                        R"(","roles":["data_reader[b]"]},)" +
                                        R"({"name":"writer","password":")" + hash +
                                        R"(","roles":["data_reader[b]","data_writer[b]"]}])");
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
    users_ = std::make_unique<cli::KvUsers>(store_.get());
    StartServer(options_);
  }

  std::unique_ptr<http::UserStore> store_;
};

TEST_F(UsersTest, OnlyScramSha256AndPlainAreOffered) {
  KvClient client;
  ASSERT_TRUE(client.Connect(server_->port()));
  EXPECT_EQ(client.Call(Request(kSaslListMechs))->value, "SCRAM-SHA256 PLAIN");
  EXPECT_EQ(client.Authenticate("SCRAM-SHA512", "writer", "secret"), kAuthError);
}

TEST_F(UsersTest, ScramSha256AndPlainCheckTheStoredHash) {
  for (const char* mechanism : {"SCRAM-SHA256", "PLAIN"}) {
    KvClient good, bad, unknown;
    ASSERT_TRUE(good.Connect(server_->port()));
    ASSERT_TRUE(bad.Connect(server_->port()));
    ASSERT_TRUE(unknown.Connect(server_->port()));
    EXPECT_EQ(good.Authenticate(mechanism, "writer", "secret"), kSuccess) << mechanism;
    EXPECT_EQ(bad.Authenticate(mechanism, "writer", "Secret"), kAuthError) << mechanism;
    EXPECT_EQ(unknown.Authenticate(mechanism, "nobody", "secret"), kAuthError) << mechanism;
    // The default account does not exist when there are users.
    KvClient admin;
    ASSERT_TRUE(admin.Connect(server_->port()));
    EXPECT_EQ(admin.Authenticate(mechanism, "Administrator", "password"), kAuthError);
  }
}

TEST_F(UsersTest, RolesDecideBucketsReadsAndWrites) {
  KvClient writer;
  ASSERT_TRUE(writer.Connect(server_->port()));
  ASSERT_EQ(writer.Hello({kFeatureXerror}).size(), 1u);
  ASSERT_EQ(writer.Authenticate("SCRAM-SHA256", "writer", "secret"), kSuccess);
  EXPECT_EQ(writer.SelectBucket("other"), kEaccess);
  ASSERT_EQ(writer.SelectBucket("b"), kSuccess);
  EXPECT_EQ(writer.Call(Request(kSet, "k", StoreExtras(0, 0), "1"))->status, kSuccess);

  KvClient reader;
  ASSERT_TRUE(reader.Connect(server_->port()));
  ASSERT_EQ(reader.Hello({kFeatureXerror}).size(), 1u);
  ASSERT_EQ(reader.Authenticate("PLAIN", "reader", "secret"), kSuccess);
  ASSERT_EQ(reader.SelectBucket("b"), kSuccess);
  EXPECT_EQ(reader.Call(Request(kGet, "k"))->value, "1");
  const auto refused = reader.Call(Request(kSet, "k", StoreExtras(0, 0), "2"));
  EXPECT_EQ(refused->status, kEaccess);
  EXPECT_NE(refused->value.find("no write access to b._default._default"), std::string::npos);
  EXPECT_EQ(reader.Call(Request(kGetLocked, "k"))->status, kEaccess);
}

}  // namespace
}  // namespace casql::kvbin
