#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace casql::http {

// Password hashes for the users file, in the form
//   pbkdf2-sha256$<iterations>$<salt, hex>$<derived key, hex>
// PBKDF2-HMAC-SHA256 with a random 16-byte salt and a 32-byte key (OpenSSL).
inline constexpr int kDefaultPbkdf2Iterations = 100000;

std::string HashPassword(std::string_view password, int iterations = kDefaultPbkdf2Iterations);

// True when `encoded` has the form above.
bool IsPasswordHash(std::string_view encoded);

// The parts of a hash in the form above. The derived key is exactly SCRAM-SHA-256's
// SaltedPassword for that salt and iteration count, which lets the KV protocol offer
// SCRAM-SHA256 to users of the users file without knowing their passwords.
struct Pbkdf2Hash {
  int iterations = 0;
  std::string salt;
  std::string key;
};
std::optional<Pbkdf2Hash> ParsePasswordHash(std::string_view encoded);

// Recomputes the key for `password` and compares it in constant time.
bool VerifyPassword(std::string_view password, std::string_view encoded);

// SHA-256 of `data` as raw bytes.
std::string Sha256(std::string_view data);

// Equality that takes the same time wherever the first difference is.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace casql::http
