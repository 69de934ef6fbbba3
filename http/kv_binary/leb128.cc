#include "http/kv_binary/leb128.h"

namespace casql::kvbin {

void AppendLeb128(uint32_t value, std::string* out) {
  do {
    uint8_t byte = value & 0x7f;
    value >>= 7;
    if (value != 0) byte |= 0x80;
    out->push_back(static_cast<char>(byte));
  } while (value != 0);
}

std::optional<CollectionKey> SplitCollectionKey(std::string_view key) {
  uint64_t value = 0;
  for (size_t i = 0; i < key.size() && i < 5; ++i) {
    const auto byte = static_cast<uint8_t>(key[i]);
    value |= static_cast<uint64_t>(byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) {
      if (value > UINT32_MAX) return std::nullopt;
      return CollectionKey{static_cast<uint32_t>(value), key.substr(i + 1)};
    }
  }
  return std::nullopt;
}

}  // namespace casql::kvbin
