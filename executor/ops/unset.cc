#include "executor/ops/ops.h"
#include "executor/path_update.h"

namespace casql::exec {

namespace {

class UnsetExec final : public UnaryExecOperator {
 public:
  UnsetExec(ExecContext& ctx, ExecOperatorPtr in, std::vector<PathUpdate> paths)
      : UnaryExecOperator(ctx, std::move(in)), paths_(std::move(paths)) {}
  Result<bool> Next(Row* row) override {
    auto more = input_->Next(row);
    if (!more.ok() || !*more) return more;
    for (const auto& path : paths_) path.Apply(&row->clone, Value(), *row, ctx_);
    return true;
  }

 private:
  std::vector<PathUpdate> paths_;
};

}  // namespace

Result<ExecOperatorPtr> MakeUnset(const plan::Unset& op, const CompileScope& scope, size_t slot,
                                  ExecContext& ctx, ExecOperatorPtr in) {
  std::vector<PathUpdate> paths;
  for (const auto& term : op.terms) {
    if (term.update_for) {
      return Status(ErrorCode::kSemantics,
                    "UNSET ... FOR is not supported by this version of casql");
    }
    auto path = PathUpdate::Compile(term.path, scope, slot);
    if (!path.ok()) return path.status();
    paths.push_back(std::move(path.value()));
  }
  return ExecOperatorPtr(std::make_unique<UnsetExec>(ctx, std::move(in), std::move(paths)));
}

}  // namespace casql::exec
