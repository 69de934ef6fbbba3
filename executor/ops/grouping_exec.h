#pragma once

#include <vector>

#include "executor/exec_operator.h"
#include "executor/ops/group_spec.h"

namespace casql::exec {

// The blocking half shared by InitialGroup and IntermediateGroup: reads every input row,
// files it under its group key and emits one row per group, in the order groups first
// appeared. The phases differ only in what a group's row starts as and how a later row of
// the same group folds into it.
class GroupingExec : public UnaryExecOperator {
 public:
  Result<bool> Next(Row* row) final;

 protected:
  GroupingExec(ExecContext& ctx, ExecOperatorPtr in, GroupSpec spec)
      : UnaryExecOperator(ctx, std::move(in)), spec_(std::move(spec)) {}

  // The row of a group whose first row is `row` (which may be moved from).
  virtual Row NewGroup(Row& row) = 0;
  // Folds a later row of the group into the group's row.
  virtual void Fold(Row& group, Row& row) = 0;

  const GroupSpec spec_;

 private:
  Status GroupAll();

  bool grouped_ = false;
  std::vector<Row> groups_;
  size_t next_ = 0;
};

}  // namespace casql::exec
