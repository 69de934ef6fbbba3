#include <cmath>

#include "executor/ops/ops.h"
#include "executor/update_target.h"

namespace casql::exec {

namespace {

struct CompiledSet {
  UpdateTarget target;
  EvaluatorPtr value;
  bool meta_expiration = false;
};

// Applies SET terms to the clone. Every value is computed from the row as fetched (the
// original document), never from the partly updated clone, as Couchbase's Set does.
// `SET META().expiration = n` records the new expiry for SendUpdate instead of changing the
// document.
class SetExec final : public UnaryExecOperator {
 public:
  SetExec(ExecContext& ctx, ExecOperatorPtr in, std::vector<CompiledSet> terms)
      : UnaryExecOperator(ctx, std::move(in)), terms_(std::move(terms)) {}

  Result<bool> Next(Row* row) override {
    auto more = input_->Next(row);
    if (!more.ok() || !*more) return more;
    for (const auto& term : terms_) {
      if (term.meta_expiration) {
        SetExpiration(term, row);
      } else {
        term.target.Apply(row, ctx_, [&](const Row& r) { return term.value->Eval(r, ctx_); });
      }
    }
    return true;
  }

 private:
  // Expiry follows the KV rule: up to 30 days it is relative seconds, beyond an absolute Unix
  // time; 0 means never. Anything but a non-negative number leaves the expiry unset.
  void SetExpiration(const CompiledSet& term, Row* row) {
    const Value v = term.value->Eval(*row, ctx_);
    if (!v.IsNumber() || v.AsDouble() < 0 || v.AsDouble() > 4294967295.0) return;
    row->expiration = static_cast<uint32_t>(std::floor(v.AsDouble()));
  }

  std::vector<CompiledSet> terms_;
};

bool IsMetaExpiration(const ast::ExprPtr& path) {
  return path && path->kind == ast::ExprKind::kField && path->name == "expiration" &&
         path->args[0]->kind == ast::ExprKind::kFunction && path->args[0]->name == "meta";
}

}  // namespace

Result<ExecOperatorPtr> MakeSet(const plan::Set& op, const CompileScope& scope, size_t slot,
                                ExecContext& ctx, ExecOperatorPtr in) {
  std::vector<CompiledSet> terms;
  for (const auto& term : op.terms) {
    CompiledSet compiled;
    if (term.meta || IsMetaExpiration(term.path)) {
      auto value = Compile(term.value, scope);
      if (!value.ok()) return value.status();
      compiled.value = std::move(value.value());
      compiled.meta_expiration = true;
      terms.push_back(std::move(compiled));
      continue;
    }
    CompileScope inner;
    auto target = UpdateTarget::Compile(term.path, term.update_for.get(), scope, slot,
                                        /*allow_root_with_for=*/true, &inner);
    if (!target.ok()) return target.status();
    auto value = Compile(term.value, inner);
    if (!value.ok()) return value.status();
    compiled.target = std::move(target.value());
    compiled.value = std::move(value.value());
    terms.push_back(std::move(compiled));
  }
  return ExecOperatorPtr(std::make_unique<SetExec>(ctx, std::move(in), std::move(terms)));
}

}  // namespace casql::exec
