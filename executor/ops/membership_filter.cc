#include "executor/ops/membership_filter.h"

#include "executor/canonical_key.h"

namespace casql::exec {

MembershipFilterExec::MembershipFilterExec(ExecContext& ctx, ExecOperatorPtr first,
                                           ExecOperatorPtr second, ResultNames names,
                                           bool keep_members)
    : ExecOperator(ctx),
      first_(std::move(first)),
      second_(std::move(second)),
      names_(std::move(names)),
      keep_members_(keep_members) {}

Result<bool> MembershipFilterExec::Next(Row* row) {
  Row got;
  if (second_) {
    while (true) {
      auto more = second_->Next(&got);
      if (!more.ok()) return more;
      if (!*more) break;
      seen_.insert(CanonicalKey(got.result));
    }
    second_.reset();
  }
  while (true) {
    auto more = first_->Next(&got);
    if (!more.ok() || !*more) return more;
    if ((seen_.count(CanonicalKey(got.result)) != 0) != keep_members_) continue;
    *row = Row();
    row->result = std::move(got.result);
    BindResultNames(names_, row);
    return true;
  }
}

}  // namespace casql::exec
