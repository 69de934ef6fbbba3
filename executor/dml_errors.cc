#include "executor/dml_errors.h"

#include "value/json.h"

namespace casql::exec {

namespace {

// The status as the query service's memcached client (gomemcached) names it in MCResponse
// texts: kv_engine's error map spells the durability statuses in CamelCase, gomemcached in
// capitals like every other status.
std::string McStatusName(kv::KvStatus status) {
  switch (status) {
    case kv::KvStatus::kDurabilityInvalidLevel:
      return "DURABILITY_INVALID_LEVEL";
    case kv::KvStatus::kDurabilityImpossible:
      return "DURABILITY_IMPOSSIBLE";
    case kv::KvStatus::kSyncWriteInProgress:
      return "SYNC_WRITE_IN_PROGRESS";
    case kv::KvStatus::kSyncWriteAmbiguous:
      return "SYNC_WRITE_AMBIGUOUS";
    default:
      return kv::KvStatusName(status);
  }
}

std::string McResponseText(const DmlFailure& f) {
  return "MCResponse status=" + McStatusName(f.status) + ", opcode=" + f.opcode +
         ", opaque=" + std::to_string(f.opaque) + ", msg: ";
}

Value Reason(ErrorCode code, const std::string& message, const DmlFailure& f) {
  Object reason;
  reason.Set("code", Value(static_cast<int64_t>(code)));
  reason.Set("key", Value(std::string(ErrorKey(code))));
  reason.Set("message", Value(message));
  reason.Set("document_key", Value(f.key));
  reason.Set("keyspace", Value(f.keyspace));
  if (code == ErrorCode::kCasMismatch) {
    reason.Set("expected_cas", Value(static_cast<int64_t>(f.expected_cas)));
    reason.Set("actual_cas", Value(static_cast<int64_t>(f.actual_cas)));
  }
  return Value(std::move(reason));
}

}  // namespace

Error MakeDmlError(const DmlFailure& f) {
  ErrorCode cause;
  std::string possible;
  std::string cause_message;
  switch (f.status) {
    case kv::KvStatus::kKeyEexists:
      if (f.op == "INSERT") {
        cause = ErrorCode::kDuplicateKey;
        possible = "concurrent modification";
        cause_message = FormatError(ErrorCode::kDuplicateKey, {f.key});
      } else {
        cause = ErrorCode::kCasMismatch;
        possible = "CAS mismatch";
        cause_message = FormatError(ErrorCode::kCasMismatch, {});
      }
      break;
    case kv::KvStatus::kKeyEnoent:
      cause = ErrorCode::kKeyNotFound;
      possible = "concurrent modification";
      cause_message = FormatError(ErrorCode::kKeyNotFound, {f.key});
      break;
    default:
      cause = ErrorCode::kDmlKvStatus;
      possible = "concurrent modification";
      cause_message = FormatError(ErrorCode::kDmlKvStatus, {McStatusName(f.status)});
      break;
  }
  // The INSERT duplicate names its cause in words, as Couchbase does; the KV-level failures
  // quote the memcached response that carried them.
  const std::string cause_text =
      cause == ErrorCode::kDuplicateKey ? cause_message : McResponseText(f);
  Error error;
  error.code = static_cast<int>(ErrorCode::kDml);
  error.message = FormatError(ErrorCode::kDml, {possible}) + ". Failed to perform " + f.op +
                  " on key " + f.key + " - cause: " + cause_text;
  error.reason = Reason(cause, cause_message, f);
  error.retry = false;
  return error;
}

Error MakeDeleteError(const std::string& key, kv::KvStatus status) {
  const std::string cause = McStatusName(status);
  return Error{static_cast<int>(ErrorCode::kDeleteFailed),
               FormatError(ErrorCode::kDeleteFailed, {key}) + " - cause: " + cause,
               Value(Object{{"key", Value(key)}, {"cause", Value(cause)}}), false};
}

std::optional<Error> CheckInsertTuple(const Value& key, const Value& value, bool upsert) {
  auto error = [](ErrorCode code, std::initializer_list<std::string_view> args) {
    return Error{static_cast<int>(code), FormatError(code, args), Value(), {}};
  };
  if (key.IsMissingOrNull()) {
    return error(upsert ? ErrorCode::kUpsertKey : ErrorCode::kInsertKey, {ToJson(value)});
  }
  if (!key.IsString()) {
    return error(upsert ? ErrorCode::kUpsertKeyType : ErrorCode::kInsertKeyType,
                 {ToJson(key), ValueTypeName(key.type())});
  }
  if (value.IsMissing()) {
    return error(upsert ? ErrorCode::kUpsertValue : ErrorCode::kInsertValue, {key.AsString()});
  }
  return std::nullopt;
}

}  // namespace casql::exec
