#include "executor/ops/ops.h"
#include "executor/path_update.h"
#include "executor/update_for.h"

namespace casql::exec {

namespace {

struct CompiledUnset {
  PathUpdate path;
  std::optional<UpdateForEach> for_each;
};

// Removes the UNSET paths from the clone (in each matching array element with FOR).
class UnsetExec final : public UnaryExecOperator {
 public:
  UnsetExec(ExecContext& ctx, ExecOperatorPtr in, std::vector<CompiledUnset> terms)
      : UnaryExecOperator(ctx, std::move(in)), terms_(std::move(terms)) {}
  Result<bool> Next(Row* row) override {
    auto more = input_->Next(row);
    if (!more.ok() || !*more) return more;
    for (const auto& term : terms_) {
      if (term.for_each) {
        term.for_each->ForEach(&row->clone, *row, ctx_, [&](Value* element, const Row& local) {
          term.path.Apply(element, Value(), local, ctx_);
        });
      } else {
        term.path.Apply(&row->clone, Value(), *row, ctx_);
      }
    }
    return true;
  }

 private:
  std::vector<CompiledUnset> terms_;
};

}  // namespace

Result<ExecOperatorPtr> MakeUnset(const plan::Unset& op, const CompileScope& scope, size_t slot,
                                  ExecContext& ctx, ExecOperatorPtr in) {
  std::vector<CompiledUnset> terms;
  for (const auto& term : op.terms) {
    CompiledUnset compiled;
    CompileScope inner = scope;
    size_t root = slot;
    if (term.update_for) {
      auto for_each = UpdateForEach::Compile(*term.update_for, scope, slot, &inner);
      if (!for_each.ok()) return for_each.status();
      root = for_each->var_slot();
      compiled.for_each = std::move(for_each.value());
    }
    auto path = PathUpdate::Compile(term.path, inner, root);
    if (!path.ok()) return path.status();
    compiled.path = std::move(path.value());
    terms.push_back(std::move(compiled));
  }
  return ExecOperatorPtr(std::make_unique<UnsetExec>(ctx, std::move(in), std::move(terms)));
}

}  // namespace casql::exec
