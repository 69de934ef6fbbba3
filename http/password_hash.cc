#include "http/password_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace casql::http {

namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr size_t kSaltBytes = 16;
constexpr size_t kKeyBytes = 32;
constexpr int kMaxIterations = 10000000;

std::string Hex(const unsigned char* data, size_t n) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 15]);
  }
  return out;
}

bool Unhex(std::string_view hex, std::string* out) {
  if (hex.size() % 2 != 0) return false;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  out->clear();
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
  }
  return true;
}

struct Parsed {
  int iterations = 0;
  std::string salt;
  std::string key;
};

bool Parse(std::string_view encoded, Parsed* out) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t end = encoded.find('$', start);
    parts.push_back(encoded.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (parts.size() != 4 || parts[0] != kScheme) return false;
  const std::string iterations(parts[1]);
  char* end = nullptr;
  const long n = std::strtol(iterations.c_str(), &end, 10);
  if (iterations.empty() || *end || n < 1 || n > kMaxIterations) return false;
  out->iterations = static_cast<int>(n);
  return Unhex(parts[2], &out->salt) && !out->salt.empty() && Unhex(parts[3], &out->key) &&
         out->key.size() == kKeyBytes;
}

std::string Derive(std::string_view password, const std::string& salt, int iterations) {
  unsigned char key[kKeyBytes];
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(), sizeof(key),
                        key) != 1) {
    throw std::runtime_error("PBKDF2 failed");
  }
  return std::string(reinterpret_cast<const char*>(key), sizeof(key));
}

}  // namespace

std::string HashPassword(std::string_view password, int iterations) {
  unsigned char salt[kSaltBytes];
  if (RAND_bytes(salt, sizeof(salt)) != 1) throw std::runtime_error("no random bytes");
  const std::string salt_bytes(reinterpret_cast<const char*>(salt), sizeof(salt));
  const std::string key = Derive(password, salt_bytes, iterations);
  return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + Hex(salt, sizeof(salt)) +
         "$" + Hex(reinterpret_cast<const unsigned char*>(key.data()), key.size());
}

bool IsPasswordHash(std::string_view encoded) {
  Parsed parsed;
  return Parse(encoded, &parsed);
}

std::optional<Pbkdf2Hash> ParsePasswordHash(std::string_view encoded) {
  Parsed parsed;
  if (!Parse(encoded, &parsed)) return std::nullopt;
  return Pbkdf2Hash{parsed.iterations, std::move(parsed.salt), std::move(parsed.key)};
}

bool VerifyPassword(std::string_view password, std::string_view encoded) {
  Parsed parsed;
  if (!Parse(encoded, &parsed)) return false;
  return ConstantTimeEquals(Derive(password, parsed.salt, parsed.iterations), parsed.key);
}

std::string Sha256(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof(digest));
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace casql::http
