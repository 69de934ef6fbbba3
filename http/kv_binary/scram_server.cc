#include "http/kv_binary/scram_server.h"

namespace casql::kvbin {

namespace {

// Undoes SCRAM's escaping of ',' and '=' in user names ("=2C", "=3D").
std::optional<std::string> UnescapeUser(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] != '=') {
      out.push_back(name[i]);
      continue;
    }
    const std::string_view code = name.substr(i + 1, 2);
    if (code == "2C") {
      out.push_back(',');
    } else if (code == "3D") {
      out.push_back('=');
    } else {
      return std::nullopt;
    }
    i += 2;
  }
  return out;
}

}  // namespace

std::optional<std::string_view> ScramAttribute(std::string_view message, char name) {
  size_t pos = 0;
  while (pos <= message.size()) {
    size_t end = message.find(',', pos);
    if (end == std::string_view::npos) end = message.size();
    std::string_view part = message.substr(pos, end - pos);
    if (part.size() >= 2 && part[0] == name && part[1] == '=') return part.substr(2);
    pos = end + 1;
  }
  return std::nullopt;
}

ScramServer::ScramServer(ScramHash hash, const Authenticator* users, std::string nonce)
    : hash_(hash), users_(users), server_nonce_(std::move(nonce)) {
  if (server_nonce_.empty()) server_nonce_ = Base64Encode(RandomBytes(18));
}

std::optional<std::string> ScramServer::Start(std::string_view client_first, std::string* error) {
  if (started_) {
    *error = "SCRAM exchange already started";
    return std::nullopt;
  }
  started_ = true;
  if (client_first.substr(0, 3) != "n,," && client_first.substr(0, 3) != "y,,") {
    *error = "SCRAM client-first message must start with \"n,,\" (no channel binding)";
    return std::nullopt;
  }
  client_first_bare_ = std::string(client_first.substr(3));
  const auto name = ScramAttribute(client_first_bare_, 'n');
  const auto client_nonce = ScramAttribute(client_first_bare_, 'r');
  if (!name || !client_nonce || client_nonce->empty()) {
    *error = "SCRAM client-first message needs n= and r=";
    return std::nullopt;
  }
  const auto user = UnescapeUser(*name);
  if (!user || user->empty()) {
    *error = "SCRAM user name is badly escaped";
    return std::nullopt;
  }
  user_ = *user;
  secret_ = users_->Secret(hash_, user_);
  std::string salt;
  int iterations = kScramIterations;
  if (secret_) {
    salt = secret_->salt;
    iterations = secret_->iterations;
  } else {
    // A digest of the name stands in for the salt, so that repeated attempts see the same one.
    salt = ScramDigest(hash_, "casql unknown user " + user_).substr(0, 16);
  }
  nonce_ = std::string(*client_nonce) + server_nonce_;
  server_first_ = "r=" + nonce_ + ",s=" + Base64Encode(salt) + ",i=" + std::to_string(iterations);
  return server_first_;
}

std::optional<std::string> ScramServer::Finish(std::string_view client_final, std::string* error) {
  if (!started_ || finished_) {
    *error = "SCRAM final message out of order";
    return std::nullopt;
  }
  finished_ = true;
  const size_t proof_at = client_final.rfind(",p=");
  const auto channel = ScramAttribute(client_final, 'c');
  const auto nonce = ScramAttribute(client_final, 'r');
  if (proof_at == std::string_view::npos || !channel || !nonce) {
    *error = "SCRAM client-final message needs c=, r= and p=";
    return std::nullopt;
  }
  std::string proof;
  if (!Base64Decode(client_final.substr(proof_at + 3), &proof)) {
    *error = "SCRAM proof is not base64";
    return std::nullopt;
  }
  if (*nonce != nonce_ || (*channel != "biws" && *channel != "eSws")) {
    *error = "SCRAM nonce or channel binding does not match";
    return std::nullopt;
  }
  if (!secret_) {
    *error = "authentication failed";
    return std::nullopt;
  }
  const std::string auth_message = client_first_bare_ + "," + server_first_ + "," +
                                   std::string(client_final.substr(0, proof_at));
  const std::string client_key = ScramHmac(hash_, secret_->salted_password, "Client Key");
  const std::string stored_key = ScramDigest(hash_, client_key);
  const std::string signature = ScramHmac(hash_, stored_key, auth_message);
  const std::string claimed_key = XorBytes(proof, signature);
  if (proof.size() != signature.size() ||
      !ConstantTimeEquals(ScramDigest(hash_, claimed_key), stored_key)) {
    *error = "authentication failed";
    return std::nullopt;
  }
  const std::string server_key = ScramHmac(hash_, secret_->salted_password, "Server Key");
  return "v=" + Base64Encode(ScramHmac(hash_, server_key, auth_message));
}

}  // namespace casql::kvbin
