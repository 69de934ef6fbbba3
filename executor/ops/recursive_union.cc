#include "executor/ops/recursive_union.h"

#include <string>
#include <unordered_set>

#include "executor/canonical_key.h"
#include "executor/row.h"

namespace casql::exec {

namespace {

class RecursiveUnionExec final : public ExecOperator {
 public:
  RecursiveUnionExec(ExecContext& ctx, ExecOperatorPtr anchor, RecursiveStep step, bool distinct)
      : ExecOperator(ctx),
        current_(std::move(anchor)),
        step_(std::move(step)),
        distinct_(distinct) {}

  Result<bool> Next(Row* row) override {
    while (true) {
      auto more = current_->Next(row);
      if (!more.ok()) return more;
      if (*more) {
        if (distinct_ && !seen_.insert(CanonicalKey(row->result)).second) continue;
        round_.push_back(row->result);
        return true;
      }
      if (round_.empty()) return false;
      // Each round may be long; a timeout or quota stops the recursion between rounds too.
      CASQL_RETURN_IF_ERROR(ctx_.CheckInterrupt());
      Value previous(std::move(round_));
      round_ = Array();
      auto next = step_(previous);
      if (!next.ok()) return next.status();
      current_ = std::move(next.value());
    }
  }

 private:
  ExecOperatorPtr current_;
  RecursiveStep step_;
  const bool distinct_;
  Array round_;  // the rows the current round has produced so far
  std::unordered_set<std::string> seen_;
};

}  // namespace

ExecOperatorPtr MakeRecursiveUnion(ExecOperatorPtr anchor, RecursiveStep step, bool distinct,
                                   ExecContext& ctx) {
  return std::make_unique<RecursiveUnionExec>(ctx, std::move(anchor), std::move(step), distinct);
}

}  // namespace casql::exec
