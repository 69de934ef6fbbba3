#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// Evaluates the WITH bindings once, in order, into the seed row every source of the child
// pipeline starts its rows from; a subquery binding becomes the array of its results.
class WithExec final : public ExecOperator {
 public:
  WithExec(ExecContext& ctx, std::shared_ptr<Row> seed, std::vector<WithBinding> bindings,
           ExecOperatorPtr child)
      : ExecOperator(ctx),
        seed_(std::move(seed)),
        bindings_(std::move(bindings)),
        child_(std::move(child)) {}

  Result<bool> Next(Row* row) override {
    if (!evaluated_) {
      evaluated_ = true;
      for (auto& binding : bindings_) {
        if (!binding.subquery) {
          seed_->Bind(binding.slot, binding.expr->Eval(*seed_, ctx_));
          continue;
        }
        Array results;
        Row got;
        while (true) {
          auto more = binding.subquery->Next(&got);
          if (!more.ok()) return more;
          if (!*more) break;
          results.push_back(std::move(got.result));
        }
        seed_->Bind(binding.slot, Value(std::move(results)));
      }
    }
    return child_->Next(row);
  }

 private:
  std::shared_ptr<Row> seed_;
  std::vector<WithBinding> bindings_;
  ExecOperatorPtr child_;
  bool evaluated_ = false;
};

}  // namespace

ExecOperatorPtr MakeWith(std::shared_ptr<Row> seed, std::vector<WithBinding> bindings,
                         ExecOperatorPtr child, ExecContext& ctx) {
  return std::make_unique<WithExec>(ctx, std::move(seed), std::move(bindings), std::move(child));
}

}  // namespace casql::exec
