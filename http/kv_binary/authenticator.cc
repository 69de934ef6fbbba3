#include "http/kv_binary/authenticator.h"

namespace casql::kvbin {

SingleUserAuthenticator::SingleUserAuthenticator(std::string user, std::string password)
    : user_(std::move(user)), password_(std::move(password)) {
  for (ScramHash hash : {ScramHash::kSha1, ScramHash::kSha256, ScramHash::kSha512}) {
    ScramSecret secret;
    secret.salt = RandomBytes(16);
    secret.iterations = kScramIterations;
    secret.salted_password = ScramSaltPassword(hash, password_, secret.salt, secret.iterations);
    secrets_.push_back(std::move(secret));
  }
}

std::vector<ScramHash> SingleUserAuthenticator::ScramHashes() const {
  return {ScramHash::kSha512, ScramHash::kSha256, ScramHash::kSha1};
}

bool SingleUserAuthenticator::CheckPassword(std::string_view user,
                                            std::string_view password) const {
  // Both comparisons always run, so the time taken does not tell which one failed.
  const bool user_ok = ConstantTimeEquals(user, user_);
  const bool password_ok = ConstantTimeEquals(password, password_);
  return user_ok && password_ok;
}

std::optional<ScramSecret> SingleUserAuthenticator::Secret(ScramHash hash,
                                                           std::string_view user) const {
  if (user != user_) return std::nullopt;
  return secrets_[static_cast<size_t>(hash)];
}

bool SingleUserAuthenticator::MaySelectBucket(std::string_view user, std::string_view) const {
  return user == user_;
}

bool SingleUserAuthenticator::MayAccess(std::string_view user, std::string_view, std::string_view,
                                        std::string_view, Access) const {
  return user == user_;
}

}  // namespace casql::kvbin
