#include "http/kv_binary/command_handler.h"

#include "http/kv_binary/commands.h"
#include "http/kv_binary/opcodes.h"
#include "http/kv_binary/wire_status.h"

namespace casql::kvbin {

namespace {

using Command = void (*)(CommandContext&);

// Commands a client may send before it has authenticated.
bool AllowedBeforeAuth(uint8_t opcode) {
  switch (opcode) {
    case kHello:
    case kSaslListMechs:
    case kSaslAuth:
    case kSaslStep:
    case kGetErrorMap:
    case kNoop:
    case kVersion:
    case kQuit:
      return true;
    default:
      return false;
  }
}

Command Find(uint8_t opcode) {
  switch (opcode) {
    case kHello:
      return Hello;
    case kNoop:
      return Noop;
    case kVersion:
      return Version;
    case kQuit:
      return Quit;
    case kGetErrorMap:
      return GetErrorMap;
    case kSelectBucket:
      return SelectBucket;
    case kGetClusterConfig:
      return GetClusterConfig;
    case kSaslListMechs:
      return SaslListMechs;
    case kSaslAuth:
      return SaslAuth;
    case kSaslStep:
      return SaslStep;
    case kGetCollectionsManifest:
      return GetCollectionsManifest;
    case kGetCollectionId:
      return GetCollectionId;
    case kGet:
    case kGetK:
      return Get;
    case kSet:
    case kAdd:
    case kReplace:
      return Store;
    case kDelete:
      return Delete;
    case kAppend:
    case kPrepend:
      return Concat;
    case kIncrement:
    case kDecrement:
      return Arithmetic;
    case kTouch:
    case kGat:
      return Touch;
    case kGetLocked:
      return GetLocked;
    case kUnlockKey:
      return Unlock;
    case kGetMeta:
      return GetMeta;
    case kSubdocMultiLookup:
      return SubdocMultiLookup;
    case kSubdocMultiMutation:
      return SubdocMultiMutation;
    default:
      return nullptr;
  }
}

}  // namespace

void CommandHandler::Handle(const Frame& request, Session& session, std::string* out) const {
  bool quiet = false;
  const uint8_t opcode = UnquietOpcode(request.opcode, &quiet);
  CommandContext c(service_, session, request, opcode, quiet, out);
  if (request.magic == kAltClientRequest && !session.alt_request) {
    // kv_engine refuses flexible framing that was not negotiated.
    c.Error(kEinval, "flexible framing (magic 0x08) requires HELLO ALT_REQUEST");
    return;
  }
  const Command command = Find(opcode);
  if (command == nullptr) {
    c.Error(kUnknownCommand, "unknown command");
    return;
  }
  if (!session.user && !AllowedBeforeAuth(opcode)) {
    c.Error(kEaccess, "authenticate with SASL first");
    return;
  }
  command(c);
}

}  // namespace casql::kvbin
