#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/kv_binary/authenticator.h"

namespace casql::kvbin {

// The server side of one SCRAM exchange (RFC 5802) as Couchbase runs it over SASL_AUTH and
// SASL_STEP: client-first -> server-first, client-final -> server-final. No channel binding
// (the gs2 header must be "n,," or "y,,").
class ScramServer {
 public:
  // `nonce` is the server's half of the nonce; random when empty (tests pass a fixed one).
  ScramServer(ScramHash hash, const Authenticator* users, std::string nonce = "");

  // Returns the server-first message, or nullopt with *error set for a malformed message.
  // An unknown user still gets a server-first message (with a made-up salt), so that the
  // exchange does not reveal which user names exist; it then fails in Finish.
  std::optional<std::string> Start(std::string_view client_first, std::string* error);
  // Verifies the proof; returns the server-final message ("v=<signature>") or nullopt with
  // *error set.
  std::optional<std::string> Finish(std::string_view client_final, std::string* error);

  // The authenticated user once Finish succeeded.
  const std::string& user() const { return user_; }

 private:
  const ScramHash hash_;
  const Authenticator* users_;
  std::string server_nonce_;
  std::string user_;
  std::optional<ScramSecret> secret_;
  std::string client_first_bare_, server_first_, nonce_;
  bool started_ = false, finished_ = false;
};

// Reads the SCRAM attribute `name` ("n", "r", ...) from a comma-separated message.
std::optional<std::string_view> ScramAttribute(std::string_view message, char name);

}  // namespace casql::kvbin
