#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace casql::kvbin {

// Unsigned LEB128, the prefix that carries the collection id in front of a key once HELLO
// COLLECTIONS is on: 7 bits per byte, least significant first, high bit set on all but the last.
void AppendLeb128(uint32_t value, std::string* out);

// Splits `key` into its collection id and the rest; nullopt when the prefix is missing,
// unterminated or larger than 32 bits.
struct CollectionKey {
  uint32_t collection_id = 0;
  std::string_view key;
};
std::optional<CollectionKey> SplitCollectionKey(std::string_view key);

}  // namespace casql::kvbin
