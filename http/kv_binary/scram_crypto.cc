#include "http/kv_binary/scram_crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace casql::kvbin {

namespace {

const EVP_MD* Md(ScramHash hash) {
  switch (hash) {
    case ScramHash::kSha1:
      return EVP_sha1();
    case ScramHash::kSha256:
      return EVP_sha256();
    case ScramHash::kSha512:
      return EVP_sha512();
  }
  return EVP_sha512();
}

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

const char* ScramMechanismName(ScramHash hash) {
  switch (hash) {
    case ScramHash::kSha1:
      return "SCRAM-SHA1";
    case ScramHash::kSha256:
      return "SCRAM-SHA256";
    case ScramHash::kSha512:
      return "SCRAM-SHA512";
  }
  return "SCRAM-SHA512";
}

std::string ScramSaltPassword(ScramHash hash, std::string_view password, std::string_view salt,
                              int iterations) {
  std::string out(static_cast<size_t>(EVP_MD_get_size(Md(hash))), '\0');
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), Bytes(salt),
                        static_cast<int>(salt.size()), iterations, Md(hash),
                        static_cast<int>(out.size()),
                        reinterpret_cast<unsigned char*>(out.data())) != 1) {
    throw std::runtime_error("PBKDF2 failed");
  }
  return out;
}

std::string ScramHmac(ScramHash hash, std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(Md(hash), key.data(), static_cast<int>(key.size()), Bytes(data), data.size(), out,
           &len) == nullptr) {
    throw std::runtime_error("HMAC failed");
  }
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string ScramDigest(ScramHash hash, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out, &len, Md(hash), nullptr) != 1) {
    throw std::runtime_error("digest failed");
  }
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string XorBytes(std::string_view a, std::string_view b) {
  std::string out(a);
  for (size_t i = 0; i < out.size() && i < b.size(); ++i) out[i] ^= b[i];
  return out;
}

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), Bytes(bytes),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

bool Base64Decode(std::string_view text, std::string* out) {
  if (text.size() % 4 != 0) return false;
  out->assign(3 * text.size() / 4 + 1, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out->data()), Bytes(text),
                                static_cast<int>(text.size()));
  if (n < 0) return false;
  // EVP_DecodeBlock counts the padding as zero bytes.
  size_t padding = 0;
  if (!text.empty() && text.back() == '=') ++padding;
  if (text.size() > 1 && text[text.size() - 2] == '=') ++padding;
  out->resize(static_cast<size_t>(n) - padding);
  return true;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return out;
}

}  // namespace casql::kvbin
