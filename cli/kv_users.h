#pragma once

#include "http/auth.h"
#include "http/kv_binary/authenticator.h"

namespace casql::cli {

// The users of `--users` as the KV protocol server sees them. PLAIN checks the password against
// the stored PBKDF2-SHA256 hash; SCRAM-SHA256 is served straight from that hash (its derived key
// is SCRAM's SaltedPassword). SCRAM-SHA512 and SCRAM-SHA1 would need secrets derived with
// their own hash, which the users file does not hold, so they are not offered (docs/sdk.md).
// KV reads need data_reader, writes data_writer, on the collection (admin holds both).
class KvUsers : public kvbin::Authenticator {
 public:
  explicit KvUsers(const http::UserStore* users) : users_(users) {}

  std::vector<kvbin::ScramHash> ScramHashes() const override;
  bool CheckPassword(std::string_view user, std::string_view password) const override;
  std::optional<kvbin::ScramSecret> Secret(kvbin::ScramHash hash,
                                           std::string_view user) const override;
  bool MaySelectBucket(std::string_view user, std::string_view bucket) const override;
  bool MayAccess(std::string_view user, std::string_view bucket, std::string_view scope,
                 std::string_view collection, kvbin::Access access) const override;

 private:
  const http::UserStore* users_;
};

}  // namespace casql::cli
