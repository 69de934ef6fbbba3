#include "value/status.h"

namespace casql {

Status::Status(ErrorCode code, std::string message)
    : error_(
          std::make_shared<Error>(Error{static_cast<int>(code), std::move(message), Value(), {}})) {
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return error_ ? error_->message : kEmpty;
}

}  // namespace casql
