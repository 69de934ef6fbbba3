#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/kv_binary/scram_crypto.h"

namespace casql::kvbin {

// What SCRAM needs to verify a client without knowing its password (RFC 5802 section 3).
struct ScramSecret {
  std::string salt;
  int iterations = 0;
  std::string salted_password;
};

enum class Access { kRead, kWrite };

// The users the KV front end authenticates and authorizes. cli/ implements it over the users of
// `--users`; SingleUserAuthenticator serves the loopback-only default account.
//
// Thread safety: implementations are called from every connection thread at once.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // The SCRAM mechanisms offered, strongest first (every user must be able to use each one).
  virtual std::vector<ScramHash> ScramHashes() const = 0;
  // PLAIN: checks a clear-text password.
  virtual bool CheckPassword(std::string_view user, std::string_view password) const = 0;
  // The user's SCRAM secret for `hash`; nullopt for an unknown user.
  virtual std::optional<ScramSecret> Secret(ScramHash hash, std::string_view user) const = 0;
  // Whether `user` may use `bucket` at all (SELECT_BUCKET), and read or write one collection.
  virtual bool MaySelectBucket(std::string_view user, std::string_view bucket) const = 0;
  virtual bool MayAccess(std::string_view user, std::string_view bucket, std::string_view scope,
                         std::string_view collection, Access access) const = 0;
};

// One account with a known password and every privilege: casql's default `Administrator` /
// `password` when serving loopback without --users. Its SCRAM secrets for every hash are derived
// once, with a random salt per process.
class SingleUserAuthenticator : public Authenticator {
 public:
  SingleUserAuthenticator(std::string user, std::string password);

  std::vector<ScramHash> ScramHashes() const override;
  bool CheckPassword(std::string_view user, std::string_view password) const override;
  std::optional<ScramSecret> Secret(ScramHash hash, std::string_view user) const override;
  bool MaySelectBucket(std::string_view user, std::string_view bucket) const override;
  bool MayAccess(std::string_view user, std::string_view bucket, std::string_view scope,
                 std::string_view collection, Access access) const override;

 private:
  const std::string user_;
  const std::string password_;
  std::vector<ScramSecret> secrets_;  // indexed by ScramHash
};

// kv_engine's default iteration count for the SCRAM secrets it derives.
inline constexpr int kScramIterations = 15000;

}  // namespace casql::kvbin
