#include "executor/exec_context.h"

namespace casql::exec {

void ExecContext::AddError(Error error) {
  std::lock_guard<std::mutex> lock(mu_);
  errors_.push_back(std::move(error));
}

std::vector<Error> ExecContext::TakeErrors() {
  std::lock_guard<std::mutex> lock(mu_);
  return std::move(errors_);
}

size_t ExecContext::error_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return errors_.size();
}

}  // namespace casql::exec
