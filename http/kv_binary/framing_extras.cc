#include "http/kv_binary/framing_extras.h"

#include "http/kv_binary/frame.h"

namespace casql::kvbin {

namespace {

constexpr uint8_t kReorder = 0;
constexpr uint8_t kDurabilityId = 1;
constexpr uint8_t kPreserveTtlId = 5;

}  // namespace

bool ParseFramingExtras(std::string_view bytes, FramingExtras* out, std::string* error,
                        bool* bad_level) {
  *bad_level = false;
  size_t pos = 0;
  while (pos < bytes.size()) {
    const auto tag = static_cast<uint8_t>(bytes[pos++]);
    size_t id = tag >> 4, len = tag & 0x0f;
    if (id == 15) {
      if (pos >= bytes.size()) break;
      id += static_cast<uint8_t>(bytes[pos++]);
    }
    if (len == 15) {
      if (pos >= bytes.size()) break;
      len += static_cast<uint8_t>(bytes[pos++]);
    }
    if (pos + len > bytes.size()) break;
    std::string_view data = bytes.substr(pos, len);
    pos += len;
    if (id == kReorder && len == 0) continue;
    if (id == kPreserveTtlId && len == 0) {
      out->preserve_ttl = true;
      continue;
    }
    if (id == kDurabilityId && (len == 1 || len == 3)) {
      const auto level = static_cast<uint8_t>(data[0]);
      if (level < 1 || level > 3) {
        *error = "invalid durability level " + std::to_string(level);
        *bad_level = true;
        return false;
      }
      out->durability = static_cast<kv::Durability>(level);
      if (len == 3) {
        const uint16_t timeout = ReadU16(data, 1);
        // kv_engine reserves 0 and 0xffff.
        if (timeout == 0 || timeout == 0xffff) {
          *error = "invalid durability timeout " + std::to_string(timeout);
          return false;
        }
        out->durability_timeout_ms = timeout;
      }
      continue;
    }
    *error =
        "unsupported framing extra id " + std::to_string(id) + " of length " + std::to_string(len);
    return false;
  }
  if (pos != bytes.size()) {
    *error = "truncated framing extras";
    return false;
  }
  return true;
}

}  // namespace casql::kvbin
