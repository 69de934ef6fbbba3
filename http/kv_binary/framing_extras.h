#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kvengine/kv_types.h"

namespace casql::kvbin {

// The flexible framing extras of an alt request (magic 0x08). Each element starts with a byte
// holding the id in its high nibble and the length in its low nibble (15 in either means one more
// byte follows to add to it), then the data. Known ids: 0 reorder (no data), 1 durability
// (level byte, optional 2-byte timeout in ms), 5 preserve TTL (no data).
struct FramingExtras {
  kv::Durability durability = kv::Durability::kNone;
  std::optional<uint16_t> durability_timeout_ms;
  bool preserve_ttl = false;
};

// Parses the elements; an unknown id, a bad length or a durability level or timeout out of range
// is an error (`error` says which) that the caller answers with EINVAL (level:
// DURABILITY_INVALID_LEVEL when *bad_level is set).
bool ParseFramingExtras(std::string_view bytes, FramingExtras* out, std::string* error,
                        bool* bad_level);

}  // namespace casql::kvbin
