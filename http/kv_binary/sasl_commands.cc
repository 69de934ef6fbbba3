#include "http/kv_binary/commands.h"
#include "http/kv_binary/wire_status.h"

namespace casql::kvbin {

namespace {

constexpr std::string_view kPlain = "PLAIN";

// PLAIN's message: [authzid] NUL user NUL password (RFC 4616).
bool ParsePlain(std::string_view message, std::string_view* user, std::string_view* password) {
  const size_t first = message.find('\0');
  if (first == std::string_view::npos) return false;
  const size_t second = message.find('\0', first + 1);
  if (second == std::string_view::npos) return false;
  *user = message.substr(first + 1, second - first - 1);
  *password = message.substr(second + 1);
  return !user->empty();
}

std::optional<ScramHash> ScramFor(std::string_view mechanism, const Authenticator& users) {
  for (ScramHash hash : users.ScramHashes()) {
    if (mechanism == ScramMechanismName(hash)) return hash;
  }
  return std::nullopt;
}

void Authenticated(CommandContext& c, std::string user, std::string_view final_message) {
  c.session.user = std::move(user);
  c.session.scram.reset();
  c.Send(kSuccess, {}, {}, final_message);
}

void Failed(CommandContext& c, std::string_view reason) {
  c.session.scram.reset();
  c.Error(kAuthError, reason);
}

}  // namespace

void SaslListMechs(CommandContext& c) {
  if (!c.request.extras.empty() || !c.request.key.empty() || !c.request.value.empty()) {
    c.Error(kEinval, "SASL_LIST_MECHS takes no extras, key or value");
    return;
  }
  std::string mechanisms;
  for (ScramHash hash : c.service.users->ScramHashes()) {
    mechanisms += ScramMechanismName(hash);
    mechanisms += ' ';
  }
  mechanisms += kPlain;
  c.Send(kSuccess, {}, {}, mechanisms);
}

void SaslAuth(CommandContext& c) {
  if (!c.request.extras.empty()) {
    c.Error(kEinval, "SASL_AUTH takes no extras");
    return;
  }
  const std::string_view mechanism = c.request.key;
  // A new exchange replaces whatever identity the connection had.
  c.session.user.reset();
  c.session.scram.reset();
  if (mechanism == kPlain) {
    std::string_view user, password;
    if (!ParsePlain(c.request.value, &user, &password)) {
      Failed(c, "malformed PLAIN message");
    } else if (!c.service.users->CheckPassword(user, password)) {
      Failed(c, "authentication failed");
    } else {
      Authenticated(c, std::string(user), {});
    }
    return;
  }
  const auto hash = ScramFor(mechanism, *c.service.users);
  if (!hash) {
    c.Error(kAuthError, "unsupported SASL mechanism " + std::string(mechanism));
    return;
  }
  c.session.scram = std::make_unique<ScramServer>(*hash, c.service.users);
  std::string error;
  const auto server_first = c.session.scram->Start(c.request.value, &error);
  if (!server_first) {
    Failed(c, error);
    return;
  }
  c.Send(kAuthContinue, {}, {}, *server_first);
}

void SaslStep(CommandContext& c) {
  if (!c.request.extras.empty()) {
    c.Error(kEinval, "SASL_STEP takes no extras");
    return;
  }
  if (!c.session.scram) {
    c.Error(kEinval, "SASL_STEP without a SASL_AUTH in progress");
    return;
  }
  std::string error;
  const auto server_final = c.session.scram->Finish(c.request.value, &error);
  if (!server_final) {
    Failed(c, error);
    return;
  }
  Authenticated(c, c.session.scram->user(), *server_final);
}

}  // namespace casql::kvbin
