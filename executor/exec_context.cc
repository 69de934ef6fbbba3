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

void ExecContext::SetDeadline(std::chrono::steady_clock::time_point deadline, Status on_expiry) {
  deadline_ = deadline;
  on_deadline_ = std::move(on_expiry);
}

void ExecContext::Interrupt(Status why) {
  std::lock_guard<std::mutex> lock(mu_);
  if (interrupted_.load(std::memory_order_relaxed)) return;
  interrupt_ = std::move(why);
  interrupted_.store(true, std::memory_order_release);
}

Status ExecContext::CheckInterrupt() {
  if (deadline_ && !interrupted_.load(std::memory_order_acquire) &&
      std::chrono::steady_clock::now() >= *deadline_) {
    Interrupt(on_deadline_);
  }
  if (!interrupted_.load(std::memory_order_acquire)) return Status::OK();
  std::lock_guard<std::mutex> lock(mu_);
  return interrupt_;
}

}  // namespace casql::exec
