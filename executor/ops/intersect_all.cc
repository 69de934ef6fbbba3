#include <unordered_set>

#include "executor/canonical_key.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// The rows of the first operand whose result is among the second operand's results.
// The second operand is read whole on the first Next(); the first one streams.
class IntersectAllExec final : public ExecOperator {
 public:
  IntersectAllExec(ExecContext& ctx, ExecOperatorPtr first, ExecOperatorPtr second,
                   ResultNames names)
      : ExecOperator(ctx),
        first_(std::move(first)),
        second_(std::move(second)),
        names_(std::move(names)) {}

  Result<bool> Next(Row* row) override {
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
      if (seen_.count(CanonicalKey(got.result)) == 0) continue;
      *row = Row();
      row->result = std::move(got.result);
      BindResultNames(names_, row);
      return true;
    }
  }

 private:
  ExecOperatorPtr first_;
  ExecOperatorPtr second_;
  ResultNames names_;
  std::unordered_set<std::string> seen_;
};

}  // namespace

ExecOperatorPtr MakeIntersectAll(ExecOperatorPtr first, ExecOperatorPtr second, ResultNames names,
                                 ExecContext& ctx) {
  return std::make_unique<IntersectAllExec>(ctx, std::move(first), std::move(second),
                                            std::move(names));
}

}  // namespace casql::exec
