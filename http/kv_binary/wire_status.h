#pragma once

#include <cstdint>

namespace casql::kvbin {

// Response statuses on the wire (kv_engine's include/mcbp/protocol/status.h). The engine's own
// outcomes (kv::KvStatus) carry the same numbers; these are the ones only the protocol layer
// produces.
enum WireStatus : uint16_t {
  kSuccess = 0x00,
  kKeyEnoent = 0x01,
  kKeyEexists = 0x02,
  kE2big = 0x03,
  kEinval = 0x04,
  kNotStored = 0x05,
  kDeltaBadval = 0x06,
  kNotMyVbucket = 0x07,
  kNoBucket = 0x08,
  kLocked = 0x09,
  kNotLocked = 0x0e,
  kAuthError = 0x20,
  kAuthContinue = 0x21,
  kEaccess = 0x24,
  kUnknownCommand = 0x81,
  kNotSupported = 0x83,
  kEinternal = 0x84,
  kTmpfail = 0x86,
  kUnknownCollection = 0x88,
  kUnknownScope = 0x8c,
  kDurabilityInvalidLevel = 0xa0,
  kSubdocPathEnoent = 0xc0,
  kSubdocPathMismatch = 0xc1,
  kSubdocPathEinval = 0xc2,
  kSubdocPathE2big = 0xc3,
  kSubdocDocE2deep = 0xc4,
  kSubdocValueCantinsert = 0xc5,
  kSubdocDocNotJson = 0xc6,
  kSubdocNumErange = 0xc7,
  kSubdocDeltaEinval = 0xc8,
  kSubdocPathEexists = 0xc9,
  kSubdocValueEtoodeep = 0xca,
  kSubdocInvalidCombo = 0xcb,
  kSubdocMultiPathFailure = 0xcc,
};

}  // namespace casql::kvbin
