#include "kvengine/kv_status.h"

namespace casql::kv {

// The names are kv_engine's error map (etc/couchbase/kv/error_maps/error_map_v2.json), which
// spells the durability statuses in CamelCase.
const char* KvStatusName(KvStatus status) {
  switch (status) {
    case KvStatus::kSuccess:
      return "SUCCESS";
    case KvStatus::kKeyEnoent:
      return "KEY_ENOENT";
    case KvStatus::kKeyEexists:
      return "KEY_EEXISTS";
    case KvStatus::kE2big:
      return "E2BIG";
    case KvStatus::kEinval:
      return "EINVAL";
    case KvStatus::kNotStored:
      return "NOT_STORED";
    case KvStatus::kDeltaBadval:
      return "DELTA_BADVAL";
    case KvStatus::kNoBucket:
      return "NO_BUCKET";
    case KvStatus::kLocked:
      return "LOCKED";
    case KvStatus::kNotLocked:
      return "NOT_LOCKED";
    case KvStatus::kEinternal:
      return "EINTERNAL";
    case KvStatus::kTmpfail:
      return "ETMPFAIL";
    case KvStatus::kUnknownCollection:
      return "UNKNOWN_COLLECTION";
    case KvStatus::kUnknownScope:
      return "UNKNOWN_SCOPE";
    case KvStatus::kDurabilityInvalidLevel:
      return "DurabilityInvalidLevel";
    case KvStatus::kDurabilityImpossible:
      return "DurabilityImpossible";
    case KvStatus::kSyncWriteInProgress:
      return "SyncWriteInProgress";
    case KvStatus::kSyncWriteAmbiguous:
      return "SyncWriteAmbiguous";
  }
  return "UNKNOWN_STATUS";
}

Status::Status(KvStatus code, std::string message)
    : code_(code), message_(std::make_shared<const std::string>(std::move(message))) {}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return message_ ? *message_ : kEmpty;
}

std::string Status::ToString() const {
  std::string text = KvStatusName(code_);
  if (!message().empty()) text += ": " + message();
  return text;
}

}  // namespace casql::kv
