#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>

namespace casql::kv {

// kv_engine's response status codes (include/mcbp/protocol/status.h), with their wire values, so
// the KV protocol front end and the query service report them unchanged.
enum class KvStatus : uint16_t {
  kSuccess = 0x00,
  kKeyEnoent = 0x01,
  kKeyEexists = 0x02,
  kE2big = 0x03,
  kEinval = 0x04,
  kNotStored = 0x05,
  kDeltaBadval = 0x06,
  kNoBucket = 0x08,
  kLocked = 0x09,
  kNotLocked = 0x0e,
  kEinternal = 0x84,
  kTmpfail = 0x86,
  kUnknownCollection = 0x88,
  kUnknownScope = 0x8c,
  kDurabilityInvalidLevel = 0xa0,
  kDurabilityImpossible = 0xa1,
  kSyncWriteInProgress = 0xa2,
  kSyncWriteAmbiguous = 0xa3,
};

// kv_engine's name for the status ("KEY_EEXISTS", "LOCKED", ...).
const char* KvStatusName(KvStatus status);

// Success, or a KvStatus with a human-readable message. Cheap when OK (no allocation).
class Status {
 public:
  Status() = default;
  Status(KvStatus code, std::string message);
  static Status OK() { return Status(); }

  bool ok() const { return code_ == KvStatus::kSuccess; }
  KvStatus code() const { return code_; }
  const std::string& message() const;
  // "KEY_EEXISTS: <message>" for logs and test failures.
  std::string ToString() const;

 private:
  KvStatus code_ = KvStatus::kSuccess;
  std::shared_ptr<const std::string> message_;
};

// A value or the Status explaining why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : state_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace casql::kv

// Returns early from the enclosing function when `expr` (a kv Status) is not OK.
#define CASQL_KV_RETURN_IF_ERROR(expr)                   \
  do {                                                   \
    ::casql::kv::Status casql_kv_status_ = (expr);       \
    if (!casql_kv_status_.ok()) return casql_kv_status_; \
  } while (0)
