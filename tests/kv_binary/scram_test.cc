#include <gtest/gtest.h>

#include "http/kv_binary/authenticator.h"
#include "http/kv_binary/scram_crypto.h"
#include "http/kv_binary/scram_server.h"
#include "http/kv_binary/wire_status.h"
#include "tests/kv_binary/server_fixture.h"

namespace casql::kvbin {
namespace {

// The published test vectors' user: "user" with password "pencil", 4096 iterations and the
// vector's salt.
class VectorUser : public Authenticator {
 public:
  explicit VectorUser(std::string salt64) { EXPECT_TRUE(Base64Decode(salt64, &salt_)); }
  std::vector<ScramHash> ScramHashes() const override { return {ScramHash::kSha256}; }
  bool CheckPassword(std::string_view, std::string_view) const override { return false; }
  std::optional<ScramSecret> Secret(ScramHash hash, std::string_view user) const override {
    if (user != "user") return std::nullopt;
    return ScramSecret{salt_, 4096, ScramSaltPassword(hash, "pencil", salt_, 4096)};
  }
  bool MaySelectBucket(std::string_view, std::string_view) const override { return true; }
  bool MayAccess(std::string_view, std::string_view, std::string_view, std::string_view,
                 Access) const override {
    return true;
  }

 private:
  std::string salt_;
};

// RFC 5802 section 5 (SCRAM-SHA-1).
TEST(Scram, Rfc5802Sha1Vector) {
  VectorUser users("QSXCR+Q6sek8bf92");
  ScramServer server(ScramHash::kSha1, &users, "3rfcNHYJY1ZVvWVs7j");
  std::string error;
  const auto first = server.Start("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL", &error);
  ASSERT_TRUE(first) << error;
  EXPECT_EQ(*first, "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
  const auto final_message = server.Finish(
      "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=", &error);
  ASSERT_TRUE(final_message) << error;
  EXPECT_EQ(*final_message, "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
  EXPECT_EQ(server.user(), "user");
}

// RFC 7677 section 3 (SCRAM-SHA-256).
TEST(Scram, Rfc7677Sha256Vector) {
  VectorUser users("W22ZaJ0SNY7soEsUEjb6gQ==");
  ScramServer server(ScramHash::kSha256, &users, "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
  std::string error;
  const auto first = server.Start("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", &error);
  ASSERT_TRUE(first) << error;
  EXPECT_EQ(*first,
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,"
            "i=4096");
  const auto final_message = server.Finish(
      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
      "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
      &error);
  ASSERT_TRUE(final_message) << error;
  EXPECT_EQ(*final_message, "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
}

TEST(Scram, WrongProofAndMalformedMessagesFail) {
  VectorUser users("QSXCR+Q6sek8bf92");
  std::string error;
  {
    ScramServer server(ScramHash::kSha1, &users, "3rfcNHYJY1ZVvWVs7j");
    ASSERT_TRUE(server.Start("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL", &error));
    EXPECT_FALSE(server.Finish(
        "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=AAAAv3Bz2T0CJGbJQyF0X+HI4Ts=",
        &error));
    EXPECT_EQ(error, "authentication failed");
  }
  {
    ScramServer server(ScramHash::kSha1, &users, "3rfcNHYJY1ZVvWVs7j");
    ASSERT_TRUE(server.Start("n,,n=user,r=abc", &error));
    EXPECT_FALSE(server.Finish("c=biws,r=other,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=", &error));
    EXPECT_NE(error.find("nonce"), std::string::npos);
  }
  {
    ScramServer server(ScramHash::kSha1, &users);
    EXPECT_FALSE(server.Start("p=tls-unique,,n=user,r=abc", &error));
    EXPECT_NE(error.find("channel binding"), std::string::npos);
  }
  {
    // An unknown user gets a plausible server-first message and fails only at the end.
    ScramServer server(ScramHash::kSha1, &users);
    const auto first = server.Start("n,,n=mallory,r=abc", &error);
    ASSERT_TRUE(first);
    EXPECT_NE(first->find(",s="), std::string::npos);
    const std::string nonce(*ScramAttribute(*first, 'r'));
    EXPECT_FALSE(server.Finish("c=biws,r=" + nonce + ",p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=", &error));
  }
}

TEST(Scram, Base64RoundTrips) {
  for (const std::string& text :
       std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)}) {
    std::string decoded;
    ASSERT_TRUE(Base64Decode(Base64Encode(text), &decoded));
    EXPECT_EQ(decoded, text);
  }
  std::string out;
  EXPECT_FALSE(Base64Decode("abc", &out));
}

using testing::KvClient;
using SaslTest = testing::KvServerTest;

TEST_F(SaslTest, EveryMechanismAuthenticatesOverTheWire) {
  for (const char* mechanism : {"SCRAM-SHA512", "SCRAM-SHA256", "SCRAM-SHA1", "PLAIN"}) {
    KvClient client;
    ASSERT_TRUE(client.Connect(server_->port()));
    EXPECT_EQ(client.Authenticate(mechanism, "Administrator", "password"), 0) << mechanism;
    EXPECT_EQ(client.SelectBucket("b"), 0) << mechanism;
    KvClient wrong;
    ASSERT_TRUE(wrong.Connect(server_->port()));
    EXPECT_EQ(wrong.Authenticate(mechanism, "Administrator", "nope"), kAuthError) << mechanism;
    EXPECT_EQ(wrong.SelectBucket("b"), kEaccess) << mechanism;
  }
}

TEST_F(SaslTest, ListMechsOffersScramStrongestFirstThenPlain) {
  KvClient client;
  ASSERT_TRUE(client.Connect(server_->port()));
  const auto r = client.Call(testing::Request{0x20});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 0);
  EXPECT_EQ(r->value, "SCRAM-SHA512 SCRAM-SHA256 SCRAM-SHA1 PLAIN");
  const auto unknown = client.Call(testing::Request{0x21, "GSSAPI", {}, "x"});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, kAuthError);
  const auto step = client.Call(testing::Request{0x22, "SCRAM-SHA512", {}, "c=biws"});
  ASSERT_TRUE(step);
  EXPECT_EQ(step->status, kEinval);  // no exchange in progress
}

}  // namespace
}  // namespace casql::kvbin
