#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "planner/keyspace_path.h"
#include "value/status.h"

namespace casql::http {

// What an action needs, named after the Couchbase role that grants it.
enum class Privilege {
  kQuerySelect,
  kQueryInsert,
  kQueryUpdate,
  kQueryDelete,
  kQueryManageIndex,
  kDataReader,
  kDataWriter,
  kAdmin,
};

// "query_select", "data_writer", "admin"...
const char* RoleName(Privilege privilege);

// A role held on a keyspace: an empty bucket means every keyspace, an empty scope every scope
// of the bucket, an empty collection every collection of the scope.
struct RoleGrant {
  Privilege role = Privilege::kAdmin;
  std::string bucket, scope, collection;
};

struct User {
  std::string name;
  std::string password_hash;  // see password_hash.h
  std::vector<RoleGrant> roles;
};

// One privilege an action requires; `keyspace` is absent for server-wide actions (admin
// endpoints, CREATE BUCKET). `statement_kind` names the action in 13014's text ("SELECT").
struct RequiredPrivilege {
  Privilege privilege = Privilege::kAdmin;
  std::optional<plan::KeyspacePath> keyspace;
  std::string statement_kind;
};

// The users of `casql serve --users FILE`. The file is a JSON array of
//   {"name": "alice", "password": "pbkdf2-sha256$...", "roles": ["admin", "query_select[b]",
//    "data_reader[b:s:c]"]}
// with roles written as Couchbase writes them: role[bucket], role[bucket:scope],
// role[bucket:scope:collection], or a bare role (every keyspace).
//
// Thread safety: after Load, all methods may be called concurrently.
class UserStore {
 public:
  static Result<std::unique_ptr<UserStore>> Load(const std::string& path);
  static Result<std::unique_ptr<UserStore>> Parse(std::string_view json);

  // The user these credentials name, or error 10000. PBKDF2 is deliberately slow, so after a
  // successful check the store remembers a salted SHA-256 of the password and later requests
  // compare against that (in constant time).
  Result<const User*> Authenticate(std::string_view name, std::string_view password) const;
  // The user of that name, or null (no password check: for protocols such as SCRAM that verify
  // a proof against the stored hash themselves).
  const User* Find(std::string_view name) const;

 private:
  std::map<std::string, User, std::less<>> users_;
  std::string cache_salt_;  // random per process
  // Checked against for unknown user names, so that a wrong name costs as much time as a
  // wrong password and response times do not reveal which names exist.
  std::string decoy_hash_;
  mutable std::mutex mu_;
  mutable std::map<std::string, std::string, std::less<>> verified_;  // guarded by mu_
};

bool HasPrivilege(const User& user, const RequiredPrivilege& required);

// OK when some user in `users` holds every privilege in `required`; otherwise 13014 naming the
// first missing role in Couchbase's words.
Status Authorize(const std::vector<const User*>& users,
                 const std::vector<RequiredPrivilege>& required);

// The (user, password) of an HTTP "Authorization: Basic ..." header.
std::optional<std::pair<std::string, std::string>> ParseBasicAuth(std::string_view header);

// Error 10000 for a request whose credentials are missing or wrong.
Status AuthenticationError(std::string_view detail);

}  // namespace casql::http
