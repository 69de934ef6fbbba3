#include "http/auth.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <fstream>
#include <sstream>

#include "http/password_hash.h"
#include "value/json.h"

namespace casql::http {

namespace {

struct RoleInfo {
  Privilege privilege;
  const char* name;
};
constexpr RoleInfo kRoles[] = {
    {Privilege::kQuerySelect, "query_select"},
    {Privilege::kQueryInsert, "query_insert"},
    {Privilege::kQueryUpdate, "query_update"},
    {Privilege::kQueryDelete, "query_delete"},
    {Privilege::kQueryManageIndex, "query_manage_index"},
    {Privilege::kDataReader, "data_reader"},
    {Privilege::kDataWriter, "data_writer"},
    {Privilege::kAdmin, "admin"},
};

Status FileError(const std::string& what) {
  return Status(ErrorCode::kInternal, "users file: " + what);
}

// "query_select[b:s:c]" -> grant.
Result<RoleGrant> ParseRole(std::string_view text) {
  RoleGrant grant;
  std::string_view name = text, target;
  const size_t open = text.find('[');
  if (open != std::string_view::npos) {
    if (text.back() != ']') return FileError("bad role '" + std::string(text) + "'");
    name = text.substr(0, open);
    target = text.substr(open + 1, text.size() - open - 2);
  }
  bool found = false;
  for (const RoleInfo& r : kRoles) {
    if (name == r.name) {
      grant.role = r.privilege;
      found = true;
    }
  }
  if (!found) return FileError("unknown role '" + std::string(name) + "'");
  if (target.empty() || target == "*") return grant;
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t colon = target.find(':', start);
    parts.emplace_back(target.substr(start, colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  for (const auto& p : parts) {
    if (p.empty() || p == "*") return FileError("bad keyspace in role '" + std::string(text) + "'");
  }
  if (parts.size() > 3) return FileError("bad keyspace in role '" + std::string(text) + "'");
  grant.bucket = parts[0];
  if (parts.size() > 1) grant.scope = parts[1];
  if (parts.size() > 2) grant.collection = parts[2];
  return grant;
}

bool Covers(const RoleGrant& grant, const plan::KeyspacePath& ks) {
  if (grant.bucket.empty()) return true;
  if (grant.bucket != ks.bucket) return false;
  if (!grant.scope.empty() && grant.scope != ks.scope) return false;
  return grant.collection.empty() || grant.collection == ks.collection;
}

std::string Base64Decode(std::string_view in) {
  std::string out(in.size() / 4 * 3 + 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(in.data()),
                                static_cast<int>(in.size()));
  if (n < 0) return "";
  out.resize(n);
  // EVP_DecodeBlock counts the padding as zero bytes.
  size_t pad = 0;
  for (size_t i = in.size(); i > 0 && in[i - 1] == '='; --i) ++pad;
  out.resize(out.size() - std::min(pad, out.size()));
  return out;
}

}  // namespace

const char* RoleName(Privilege privilege) {
  for (const RoleInfo& r : kRoles) {
    if (r.privilege == privilege) return r.name;
  }
  return "admin";
}

Result<std::unique_ptr<UserStore>> UserStore::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return FileError("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return Parse(text.str());
}

Result<std::unique_ptr<UserStore>> UserStore::Parse(std::string_view json) {
  auto parsed = ParseJson(json);
  if (!parsed.ok()) return FileError("not JSON: " + parsed.status().message());
  if (!parsed->IsArray()) return FileError("must be a JSON array of users");
  auto store = std::unique_ptr<UserStore>(new UserStore());
  for (const Value& entry : parsed->AsArray()) {
    const Value& name = entry.Field("name");
    const Value& password = entry.Field("password");
    const Value& roles = entry.Field("roles");
    if (!name.IsString() || name.AsString().empty()) return FileError("a user without a name");
    User user;
    user.name = name.AsString();
    if (!password.IsString() || !IsPasswordHash(password.AsString())) {
      return FileError("user " + user.name +
                       ": password must be a hash from `casql hash-password`");
    }
    user.password_hash = password.AsString();
    if (!roles.IsArray()) return FileError("user " + user.name + ": roles must be an array");
    for (const Value& role : roles.AsArray()) {
      if (!role.IsString()) return FileError("user " + user.name + ": roles must be strings");
      auto grant = ParseRole(role.AsString());
      if (!grant.ok()) return grant.status();
      user.roles.push_back(grant.value());
    }
    if (!store->users_.emplace(user.name, user).second) {
      return FileError("user " + user.name + " appears twice");
    }
  }
  int decoy_iterations = kDefaultPbkdf2Iterations;
  if (!store->users_.empty()) {
    const std::string& first = store->users_.begin()->second.password_hash;
    decoy_iterations = std::stoi(first.substr(first.find('$') + 1));
  }
  store->decoy_hash_ = HashPassword("", decoy_iterations);
  unsigned char salt[16];
  if (RAND_bytes(salt, sizeof(salt)) != 1) return FileError("no random bytes");
  store->cache_salt_.assign(reinterpret_cast<const char*>(salt), sizeof(salt));
  return store;
}

Result<const User*> UserStore::Authenticate(std::string_view name,
                                            std::string_view password) const {
  auto it = users_.find(name);
  if (it == users_.end()) {
    VerifyPassword(password, decoy_hash_);
    return AuthenticationError("Failure to authenticate user");
  }
  const std::string digest = Sha256(cache_salt_ + std::string(password));
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto cached = verified_.find(name);
    if (cached != verified_.end() && ConstantTimeEquals(cached->second, digest)) {
      return &it->second;
    }
  }
  if (!VerifyPassword(password, it->second.password_hash)) {
    return AuthenticationError("Failure to authenticate user");
  }
  std::lock_guard<std::mutex> lock(mu_);
  verified_[it->first] = digest;
  return &it->second;
}

const User* UserStore::Find(std::string_view name) const {
  auto it = users_.find(name);
  return it == users_.end() ? nullptr : &it->second;
}

bool HasPrivilege(const User& user, const RequiredPrivilege& required) {
  for (const RoleGrant& grant : user.roles) {
    if (grant.role == Privilege::kAdmin) return true;
    if (grant.role != required.privilege) continue;
    if (!required.keyspace || Covers(grant, *required.keyspace)) return true;
  }
  return false;
}

Status Authorize(const std::vector<const User*>& users,
                 const std::vector<RequiredPrivilege>& required) {
  for (const RequiredPrivilege& r : required) {
    bool granted = false;
    for (const User* user : users) granted = granted || HasPrivilege(*user, r);
    if (granted) continue;
    const std::string target = r.keyspace ? r.keyspace->FullName() : "the server";
    Error error;
    error.code = static_cast<int>(ErrorCode::kInsufficientCredentials);
    error.message = FormatError(ErrorCode::kInsufficientCredentials,
                                {r.statement_kind, target, RoleName(r.privilege), target});
    return Status(std::move(error));
  }
  return Status::OK();
}

std::optional<std::pair<std::string, std::string>> ParseBasicAuth(std::string_view header) {
  constexpr std::string_view kPrefix = "Basic ";
  if (header.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  const std::string decoded = Base64Decode(header.substr(kPrefix.size()));
  const size_t colon = decoded.find(':');
  if (colon == std::string::npos) return std::nullopt;
  return std::make_pair(decoded.substr(0, colon), decoded.substr(colon + 1));
}

Status AuthenticationError(std::string_view detail) {
  return Status(ErrorCode::kAuthorization,
                FormatError(ErrorCode::kAuthorization, {}) + " - cause: " + std::string(detail));
}

}  // namespace casql::http
