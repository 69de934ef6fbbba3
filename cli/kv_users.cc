#include "cli/kv_users.h"

#include "http/password_hash.h"

namespace casql::cli {

std::vector<kvbin::ScramHash> KvUsers::ScramHashes() const {
  return {kvbin::ScramHash::kSha256};
}

bool KvUsers::CheckPassword(std::string_view user, std::string_view password) const {
  return users_->Authenticate(user, password).ok();
}

std::optional<kvbin::ScramSecret> KvUsers::Secret(kvbin::ScramHash hash,
                                                  std::string_view user) const {
  if (hash != kvbin::ScramHash::kSha256) return std::nullopt;
  const http::User* found = users_->Find(user);
  if (found == nullptr) return std::nullopt;
  auto parsed = http::ParsePasswordHash(found->password_hash);
  if (!parsed) return std::nullopt;
  return kvbin::ScramSecret{std::move(parsed->salt), parsed->iterations, std::move(parsed->key)};
}

bool KvUsers::MaySelectBucket(std::string_view user, std::string_view bucket) const {
  const http::User* found = users_->Find(user);
  if (found == nullptr) return false;
  for (const http::RoleGrant& grant : found->roles) {
    if (grant.role == http::Privilege::kAdmin || grant.bucket.empty() || grant.bucket == bucket) {
      return true;
    }
  }
  return false;
}

bool KvUsers::MayAccess(std::string_view user, std::string_view bucket, std::string_view scope,
                        std::string_view collection, kvbin::Access access) const {
  const http::User* found = users_->Find(user);
  if (found == nullptr) return false;
  http::RequiredPrivilege required;
  required.privilege =
      access == kvbin::Access::kRead ? http::Privilege::kDataReader : http::Privilege::kDataWriter;
  plan::KeyspacePath path;
  path.bucket = std::string(bucket);
  path.scope = std::string(scope);
  path.collection = std::string(collection);
  required.keyspace = std::move(path);
  return http::HasPrivilege(*found, required);
}

}  // namespace casql::cli
