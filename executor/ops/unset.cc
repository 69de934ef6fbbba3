#include "executor/ops/ops.h"
#include "executor/update_target.h"

namespace casql::exec {

namespace {

// Removes the UNSET paths from the clone (in each matching array element with FOR).
class UnsetExec final : public UnaryExecOperator {
 public:
  UnsetExec(ExecContext& ctx, ExecOperatorPtr in, std::vector<UpdateTarget> terms)
      : UnaryExecOperator(ctx, std::move(in)), terms_(std::move(terms)) {}
  Result<bool> Next(Row* row) override {
    auto more = input_->Next(row);
    if (!more.ok() || !*more) return more;
    for (const auto& term : terms_) {
      term.Apply(row, ctx_, [](const Row&) { return Value(); });
    }
    return true;
  }

 private:
  std::vector<UpdateTarget> terms_;
};

}  // namespace

Result<ExecOperatorPtr> MakeUnset(const plan::Unset& op, const CompileScope& scope, size_t slot,
                                  ExecContext& ctx, ExecOperatorPtr in) {
  std::vector<UpdateTarget> terms;
  for (const auto& term : op.terms) {
    CompileScope inner;
    auto target = UpdateTarget::Compile(term.path, term.update_for.get(), scope, slot,
                                        /*allow_root_with_for=*/false, &inner);
    if (!target.ok()) return target.status();
    terms.push_back(std::move(target.value()));
  }
  return ExecOperatorPtr(std::make_unique<UnsetExec>(ctx, std::move(in), std::move(terms)));
}

}  // namespace casql::exec
