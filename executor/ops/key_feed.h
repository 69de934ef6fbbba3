#pragma once

#include <optional>
#include <string>

#include "executor/exec_operator.h"

namespace casql::exec {

// A source that yields exactly the keys fed to it, one at a time. SendUpdate's CAS retry
// puts one in front of a copy of the statement's per-document operators (Fetch, Filter,
// Clone, Set, Unset) to re-read and re-apply the statement to a single document.
class KeyFeed final : public ExecOperator {
 public:
  using ExecOperator::ExecOperator;
  void Feed(std::string key) { next_ = std::move(key); }
  Result<bool> Next(Row* row) override {
    if (!next_) return false;
    *row = Row();
    row->key = std::move(*next_);
    next_.reset();
    return true;
  }

 private:
  std::optional<std::string> next_;
};

}  // namespace casql::exec
