#include <unordered_set>

#include "executor/canonical_key.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// Passes a row only the first time its result is seen. Results are compared by their JSON
// text with object fields sorted, so field order does not matter.
class DistinctExec final : public UnaryExecOperator {
 public:
  using UnaryExecOperator::UnaryExecOperator;

  Result<bool> Next(Row* row) override {
    while (true) {
      auto more = input_->Next(row);
      if (!more.ok() || !*more) return more;
      if (seen_.insert(CanonicalKey(row->result)).second) return true;
    }
  }

 private:
  std::unordered_set<std::string> seen_;
};

}  // namespace

Result<ExecOperatorPtr> MakeDistinct(ExecContext& ctx, ExecOperatorPtr in) {
  return ExecOperatorPtr(std::make_unique<DistinctExec>(ctx, std::move(in)));
}

}  // namespace casql::exec
