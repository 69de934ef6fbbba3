// Digests for HASHBYTES. The SHA-2 family and MD5 come from OpenSSL's libcrypto (already a
// dependency of the HTTP server). MD4 is computed here, because OpenSSL 3 only offers it
// through its legacy provider; CRC-32 too, because HASHBYTES takes any polynomial.
#include "executor/functions/digests.h"

#include <openssl/evp.h>

#include <array>
#include <cstring>
#include <vector>

namespace casql::exec::fn {

namespace {

std::string Hex(const unsigned char* bytes, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 15]);
  }
  return out;
}

std::string Crc32(std::string_view data, uint32_t polynomial) {
  std::array<uint32_t, 256> table;
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t crc = i;
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1) ? (crc >> 1) ^ polynomial : crc >> 1;
    table[i] = crc;
  }
  uint32_t crc = ~uint32_t{0};
  for (unsigned char c : data) crc = table[(crc ^ c) & 0xFF] ^ (crc >> 8);
  crc = ~crc;
  const unsigned char bytes[4] = {
      static_cast<unsigned char>(crc >> 24), static_cast<unsigned char>(crc >> 16),
      static_cast<unsigned char>(crc >> 8), static_cast<unsigned char>(crc)};
  return Hex(bytes, 4);
}

// MD4 as specified in RFC 1320.
std::string Md4(std::string_view data) {
  std::vector<unsigned char> msg(data.begin(), data.end());
  const uint64_t bits = static_cast<uint64_t>(data.size()) * 8;
  msg.push_back(0x80);
  while (msg.size() % 64 != 56) msg.push_back(0);
  for (int i = 0; i < 8; ++i) msg.push_back(static_cast<unsigned char>(bits >> (8 * i)));
  uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  auto rotl = [](uint32_t x, int s) { return (x << s) | (x >> (32 - s)); };
  for (size_t block = 0; block < msg.size(); block += 64) {
    uint32_t x[16];
    for (int i = 0; i < 16; ++i) {
      const unsigned char* p = &msg[block + 4 * static_cast<size_t>(i)];
      x[i] = p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<uint32_t>(p[3]) << 24);
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    auto f = [](uint32_t x1, uint32_t y, uint32_t z) { return (x1 & y) | (~x1 & z); };
    auto g = [](uint32_t x1, uint32_t y, uint32_t z) { return (x1 & y) | (x1 & z) | (y & z); };
    auto hh = [](uint32_t x1, uint32_t y, uint32_t z) { return x1 ^ y ^ z; };
    static constexpr int kRound1[4] = {3, 7, 11, 19};
    for (int i = 0; i < 16; ++i) {
      const uint32_t t = rotl(a + f(b, c, d) + x[i], kRound1[i % 4]);
      a = d, d = c, c = b, b = t;
    }
    static constexpr int kRound2[4] = {3, 5, 9, 13};
    for (int i = 0; i < 16; ++i) {
      const int k = (i % 4) * 4 + i / 4;
      const uint32_t t = rotl(a + g(b, c, d) + x[k] + 0x5a827999, kRound2[i % 4]);
      a = d, d = c, c = b, b = t;
    }
    static constexpr int kRound3[4] = {3, 9, 11, 15};
    static constexpr int kOrder3[16] = {0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15};
    for (int i = 0; i < 16; ++i) {
      const uint32_t t = rotl(a + hh(b, c, d) + x[kOrder3[i]] + 0x6ed9eba1, kRound3[i % 4]);
      a = d, d = c, c = b, b = t;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d;
  }
  unsigned char out[16];
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 4; ++j) out[4 * i + j] = static_cast<unsigned char>(h[i] >> (8 * j));
  }
  return Hex(out, 16);
}

std::optional<std::string> Evp(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (md == nullptr || EVP_Digest(data.data(), data.size(), out, &len, md, nullptr) != 1) {
    return std::nullopt;
  }
  return Hex(out, len);
}

}  // namespace

std::optional<std::string> HexDigest(std::string_view algorithm, std::string_view data,
                                     uint32_t crc_polynomial) {
  if (algorithm == "crc32") return Crc32(data, crc_polynomial);
  if (algorithm == "md4") return Md4(data);
  if (algorithm == "md5") return Evp(EVP_md5(), data);
  if (algorithm == "sha224") return Evp(EVP_sha224(), data);
  if (algorithm == "sha256") return Evp(EVP_sha256(), data);
  if (algorithm == "sha384") return Evp(EVP_sha384(), data);
  if (algorithm == "sha512") return Evp(EVP_sha512(), data);
  if (algorithm == "sha512/224") return Evp(EVP_sha512_224(), data);
  if (algorithm == "sha512/256") return Evp(EVP_sha512_256(), data);
  return std::nullopt;
}

}  // namespace casql::exec::fn
