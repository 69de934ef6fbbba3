#pragma once

#include <cstdint>
#include <string>

namespace casql::kvbin {

// The JSON error map GET_ERROR_MAP returns: for every status this server sends, its name, a
// description and the attributes that tell a client how to react ("item-locked", "temp",
// "retry-later", ...). `version` is the client's requested format; versions 1 and 2 are
// served (2 is the highest this server knows, sent for anything above).
std::string ErrorMapJson(uint16_t version);

// The error map's name for a status ("KEY_ENOENT"), or "UNKNOWN".
const char* WireStatusName(uint16_t status);

}  // namespace casql::kvbin
