#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "value/error_codes.h"
#include "value/value.h"

namespace casql {

// One N1QL error as the query service reports it: the numbered code, the message, and the
// structured `reason` (an object, MISSING when there is none) and `retry` hint that
// Couchbase 7.1+ attach to errors such as 12009.
struct Error {
  int code = 0;
  std::string message;
  Value reason;
  std::optional<bool> retry;
};

// The result of an operation at a module boundary: OK, or one Error. Cheap to return and copy
// when OK (a null pointer); an error is shared, never copied.
class Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message);
  explicit Status(Error error) : error_(std::make_shared<Error>(std::move(error))) {}
  static Status OK() { return Status(); }

  bool ok() const { return error_ == nullptr; }
  int code() const { return error_ ? error_->code : 0; }
  const std::string& message() const;
  const Error& error() const { return *error_; }

 private:
  std::shared_ptr<const Error> error_;
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
  T& operator*() { return value(); }

 private:
  std::variant<T, Status> state_;
};

// Returns early from the enclosing function when `expr` (a Status) is not OK.
#define CASQL_RETURN_IF_ERROR(expr)                \
  do {                                             \
    ::casql::Status casql_status_ = (expr);        \
    if (!casql_status_.ok()) return casql_status_; \
  } while (0)

}  // namespace casql
