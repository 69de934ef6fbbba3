#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// Turns each row of a FROM subquery into a row of the enclosing block: the subquery's own
// names (slots from `keep` on) are dropped and its result is bound to the alias.
class AliasExec final : public UnaryExecOperator {
 public:
  AliasExec(ExecContext& ctx, ExecOperatorPtr in, size_t keep, size_t slot)
      : UnaryExecOperator(ctx, std::move(in)), keep_(keep), slot_(slot) {}

  Result<bool> Next(Row* row) override {
    auto more = input_->Next(row);
    if (!more.ok() || !*more) return more;
    if (row->vars.size() > keep_) row->vars.resize(keep_);
    if (row->metas.size() > keep_) row->metas.resize(keep_);
    row->key.clear();
    row->Bind(slot_, std::move(row->result));
    row->result = Value();
    return true;
  }

 private:
  size_t keep_;
  size_t slot_;
};

}  // namespace

Result<ExecOperatorPtr> MakeAlias(const plan::Alias& op, CompileScope* scope, ExecContext& ctx,
                                  ExecOperatorPtr in) {
  const size_t keep = scope->names.size();
  const size_t slot = scope->Add(op.as, /*keyspace=*/true);
  return ExecOperatorPtr(std::make_unique<AliasExec>(ctx, std::move(in), keep, slot));
}

}  // namespace casql::exec
