#include "kvengine/keyspace_names.h"

#include <string>

#include "kvengine/kv_types.h"

namespace casql::kv {
namespace {

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

Status Invalid(std::string_view what, std::string_view name, std::string_view why) {
  return Status(KvStatus::kEinval, std::string(what) + " name '" + std::string(name) +
                                       "' is invalid: " + std::string(why));
}

Status ValidateScopeOrCollection(std::string_view what, std::string_view name) {
  if (name.empty()) return Invalid(what, name, "it must not be empty");
  if (name.size() > 251) return Invalid(what, name, "it is longer than 251 characters");
  if (name == kDefaultName) return Status::OK();
  for (char c : name) {
    if (!IsAlnum(c) && c != '_' && c != '-' && c != '%') {
      return Invalid(what, name, "only A-Z, a-z, 0-9, '_', '-' and '%' are allowed");
    }
  }
  if (name[0] == '_' || name[0] == '%') {
    return Invalid(what, name, "it must not start with '_' or '%'");
  }
  return Status::OK();
}

}  // namespace

Status ValidateBucketName(std::string_view name) {
  if (name.empty()) return Invalid("bucket", name, "it must not be empty");
  if (name.size() > 100) return Invalid("bucket", name, "it is longer than 100 characters");
  for (char c : name) {
    if (!IsAlnum(c) && c != '.' && c != '_' && c != '-' && c != '%') {
      return Invalid("bucket", name, "only A-Z, a-z, 0-9, '.', '_', '-' and '%' are allowed");
    }
  }
  if (name[0] == '.') return Invalid("bucket", name, "it must not start with '.'");
  return Status::OK();
}

Status ValidateScopeName(std::string_view name) {
  return ValidateScopeOrCollection("scope", name);
}

Status ValidateCollectionName(std::string_view name) {
  return ValidateScopeOrCollection("collection", name);
}

Status ValidateKey(std::string_view key) {
  if (key.empty()) return Status(KvStatus::kEinval, "document key must not be empty");
  if (key.size() > kMaxKeyBytes) {
    return Status(KvStatus::kEinval, "document key is longer than 250 bytes");
  }
  return Status::OK();
}

}  // namespace casql::kv
