#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "value/value.h"

namespace casql::kvbin {

// Sub-document opcodes inside multi-lookup and multi-mutation specs (kv_engine's numbering).
enum SubdocOpcode : uint8_t {
  kSubdocGetDoc = 0x00,  // lookup: the whole document
  kSubdocSetDoc = 0x01,  // mutation: replace the whole body
  kSubdocDeleteDoc = 0x04,
  kSubdocGet = 0xc5,
  kSubdocExists = 0xc6,
  kSubdocDictAdd = 0xc7,
  kSubdocDictUpsert = 0xc8,
  kSubdocDelete = 0xc9,
  kSubdocReplace = 0xca,
  kSubdocArrayPushLast = 0xcb,
  kSubdocArrayPushFirst = 0xcc,
  kSubdocArrayInsert = 0xcd,
  kSubdocArrayAddUnique = 0xce,
  kSubdocCounter = 0xcf,
  kSubdocGetCount = 0xd2,
};

// Path flags.
inline constexpr uint8_t kSubdocMkdirP = 0x01;
inline constexpr uint8_t kSubdocXattrPath = 0x04;
inline constexpr uint8_t kSubdocExpandMacros = 0x10;

struct SubdocMutationSpec {
  uint8_t opcode = 0;
  uint8_t flags = 0;
  std::string_view path;
  std::string_view value;
};

// The status of one mutation spec (SUCCESS or a SUBDOC_* status) and, for COUNTER, the new
// value to return.
struct SubdocMutationOutcome {
  uint16_t status = 0;
  std::optional<std::string> result;
};

// Applies one path mutation (not SET_DOC/DELETE_DOC) to `root`, as kv_engine does: MKDIR_P
// creates missing parent objects; array pushes take one or more comma-separated JSON values.
// On failure `root` may be partly changed; the caller discards it.
SubdocMutationOutcome ApplySubdocMutation(Value* root, const SubdocMutationSpec& spec);

}  // namespace casql::kvbin
