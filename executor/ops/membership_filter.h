#pragma once

#include <string>
#include <unordered_set>

#include "executor/ops/ops.h"

namespace casql::exec {

// INTERSECT ALL and EXCEPT ALL: the rows of the first operand kept by whether their result
// is among the second operand's results (kept when it is, for INTERSECT; when it is not, for
// EXCEPT). The second operand is read whole on the first Next(); the first one streams.
class MembershipFilterExec final : public ExecOperator {
 public:
  MembershipFilterExec(ExecContext& ctx, ExecOperatorPtr first, ExecOperatorPtr second,
                       ResultNames names, bool keep_members);

  Result<bool> Next(Row* row) override;

 private:
  ExecOperatorPtr first_;
  ExecOperatorPtr second_;
  ResultNames names_;
  bool keep_members_;
  std::unordered_set<std::string> seen_;
};

}  // namespace casql::exec
