#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace casql::exec::fn {

// Lower-case hex digest of `data` under one of HASHBYTES's algorithms (crc32, md4, md5,
// sha224, sha256, sha384, sha512, sha512/224, sha512/256), or nullopt for another name.
// `crc_polynomial` is the CRC-32 polynomial in reversed bit order (0xedb88320 for IEEE).
std::optional<std::string> HexDigest(std::string_view algorithm, std::string_view data,
                                     uint32_t crc_polynomial);

}  // namespace casql::exec::fn
