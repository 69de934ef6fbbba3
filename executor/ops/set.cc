#include "executor/ops/ops.h"
#include "executor/path_update.h"

namespace casql::exec {

namespace {

struct CompiledSet {
  PathUpdate path;
  EvaluatorPtr value;
};

// Applies SET terms to the clone. Every value is computed from the row as fetched (the
// original document), never from the partly updated clone, as Couchbase's Set does.
class SetExec final : public UnaryExecOperator {
 public:
  SetExec(ExecContext& ctx, ExecOperatorPtr in, std::vector<CompiledSet> terms)
      : UnaryExecOperator(ctx, std::move(in)), terms_(std::move(terms)) {}
  Result<bool> Next(Row* row) override {
    auto more = input_->Next(row);
    if (!more.ok() || !*more) return more;
    for (const auto& term : terms_) {
      term.path.Apply(&row->clone, term.value->Eval(*row, ctx_), *row, ctx_);
    }
    return true;
  }

 private:
  std::vector<CompiledSet> terms_;
};

}  // namespace

Result<ExecOperatorPtr> MakeSet(const plan::Set& op, const CompileScope& scope, size_t slot,
                                ExecContext& ctx, ExecOperatorPtr in) {
  std::vector<CompiledSet> terms;
  for (const auto& term : op.terms) {
    if (term.meta || term.update_for) {
      return Status(ErrorCode::kSemantics,
                    "SET META().expiration and SET ... FOR are not supported by this version of "
                    "casql");
    }
    auto path = PathUpdate::Compile(term.path, scope, slot);
    if (!path.ok()) return path.status();
    auto value = Compile(term.value, scope);
    if (!value.ok()) return value.status();
    terms.push_back(CompiledSet{std::move(path.value()), std::move(value.value())});
  }
  return ExecOperatorPtr(std::make_unique<SetExec>(ctx, std::move(in), std::move(terms)));
}

}  // namespace casql::exec
