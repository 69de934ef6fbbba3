#pragma once

#include <optional>

#include "executor/exec_operator.h"

namespace casql::exec {

// A source that yields exactly the rows fed to it, one at a time. MERGE puts one in front of
// the Clone, Set and Unset operators to apply its WHEN MATCHED THEN UPDATE to one row.
class RowFeed final : public ExecOperator {
 public:
  using ExecOperator::ExecOperator;
  void Feed(Row row) { next_ = std::move(row); }
  Result<bool> Next(Row* row) override {
    if (!next_) return false;
    *row = std::move(*next_);
    next_.reset();
    return true;
  }

 private:
  std::optional<Row> next_;
};

}  // namespace casql::exec
