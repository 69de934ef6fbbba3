#include "http/kv_binary/opcodes.h"

namespace casql::kvbin {

uint8_t UnquietOpcode(uint8_t opcode, bool* quiet) {
  *quiet = true;
  switch (opcode) {
    case kGetQ:
      return kGet;
    case kGetKQ:
      return kGetK;
    case kSetQ:
      return kSet;
    case kAddQ:
      return kAdd;
    case kReplaceQ:
      return kReplace;
    case kDeleteQ:
      return kDelete;
    case kIncrementQ:
      return kIncrement;
    case kDecrementQ:
      return kDecrement;
    case kQuitQ:
      return kQuit;
    case kAppendQ:
      return kAppend;
    case kPrependQ:
      return kPrepend;
    case kGatQ:
      return kGat;
    default:
      *quiet = false;
      return opcode;
  }
}

}  // namespace casql::kvbin
