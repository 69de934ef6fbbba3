#include "executor/ops/membership_filter.h"

namespace casql::exec {

// The first operand's rows whose result is not among the second operand's.
ExecOperatorPtr MakeExceptAll(ExecOperatorPtr first, ExecOperatorPtr second, ResultNames names,
                              ExecContext& ctx) {
  return std::make_unique<MembershipFilterExec>(ctx, std::move(first), std::move(second),
                                                std::move(names), /*keep_members=*/false);
}

}  // namespace casql::exec
