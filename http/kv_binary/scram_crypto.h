#pragma once

#include <string>
#include <string_view>

namespace casql::kvbin {

// The hash functions SCRAM is offered with (RFC 5802, RFC 7677; Couchbase adds SHA-512).
enum class ScramHash { kSha1, kSha256, kSha512 };

// "SCRAM-SHA1", "SCRAM-SHA256", "SCRAM-SHA512" (Couchbase's mechanism names).
const char* ScramMechanismName(ScramHash hash);

// SaltedPassword := Hi(password, salt, iterations), i.e. PBKDF2-HMAC with the hash's own output
// length (OpenSSL).
std::string ScramSaltPassword(ScramHash hash, std::string_view password, std::string_view salt,
                              int iterations);
std::string ScramHmac(ScramHash hash, std::string_view key, std::string_view data);
std::string ScramDigest(ScramHash hash, std::string_view data);
std::string XorBytes(std::string_view a, std::string_view b);

std::string Base64Encode(std::string_view bytes);
// False when `text` is not canonical padded base64.
bool Base64Decode(std::string_view text, std::string* out);

// Equality whose time does not depend on where the inputs differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// `n` bytes from OpenSSL's CSPRNG.
std::string RandomBytes(size_t n);

}  // namespace casql::kvbin
