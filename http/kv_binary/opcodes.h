#pragma once

#include <cstdint>

namespace casql::kvbin {

// The opcodes this server implements (kv_engine's numbering). Anything else is answered
// UNKNOWN_COMMAND.
enum Opcode : uint8_t {
  kGet = 0x00,
  kSet = 0x01,
  kAdd = 0x02,
  kReplace = 0x03,
  kDelete = 0x04,
  kIncrement = 0x05,
  kDecrement = 0x06,
  kQuit = 0x07,
  kGetQ = 0x09,
  kNoop = 0x0a,
  kVersion = 0x0b,
  kGetK = 0x0c,
  kGetKQ = 0x0d,
  kAppend = 0x0e,
  kPrepend = 0x0f,
  kSetQ = 0x11,
  kAddQ = 0x12,
  kReplaceQ = 0x13,
  kDeleteQ = 0x14,
  kIncrementQ = 0x15,
  kDecrementQ = 0x16,
  kQuitQ = 0x17,
  kAppendQ = 0x19,
  kPrependQ = 0x1a,
  kTouch = 0x1c,
  kGat = 0x1d,
  kGatQ = 0x1e,
  kHello = 0x1f,
  kSaslListMechs = 0x20,
  kSaslAuth = 0x21,
  kSaslStep = 0x22,
  kSelectBucket = 0x89,
  kGetLocked = 0x94,
  kUnlockKey = 0x95,
  kGetMeta = 0xa0,
  kGetClusterConfig = 0xb5,
  kGetCollectionsManifest = 0xba,
  kGetCollectionId = 0xbb,
  kSubdocMultiLookup = 0xd0,
  kSubdocMultiMutation = 0xd1,
  kGetErrorMap = 0xfe,
};

// The opcode a quiet variant stands for (GETQ -> GET, SETQ -> SET, ...); others map to themselves.
// *quiet tells whether it was a quiet variant: those send no success response (GETQ/GETKQ: no
// miss response either).
uint8_t UnquietOpcode(uint8_t opcode, bool* quiet);

}  // namespace casql::kvbin
