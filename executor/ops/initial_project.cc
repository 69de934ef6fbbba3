#include "executor/expr/evaluator.h"
#include "executor/ops/ops.h"
#include "planner/planned_statement.h"

namespace casql::exec {

namespace {

struct CompiledTerm {
  std::string name;
  EvaluatorPtr expr;  // null for a bare `*`
  bool star = false;
};

// Builds each row's result: named terms become fields (a MISSING value drops the field but
// keeps the row), `*` wraps the document by its alias, `expr.*` merges an object's fields, and
// RAW yields the single term's value itself.
class InitialProjectExec final : public UnaryExecOperator {
 public:
  InitialProjectExec(ExecContext& ctx, ExecOperatorPtr in, std::vector<CompiledTerm> terms,
                     bool raw, std::string alias)
      : UnaryExecOperator(ctx, std::move(in)),
        terms_(std::move(terms)),
        raw_(raw),
        alias_(std::move(alias)) {}

  Result<bool> Next(Row* row) override {
    auto more = input_->Next(row);
    if (!more.ok() || !*more) return more;
    if (raw_) {
      row->result = terms_.front().expr->Eval(*row, ctx_);
      return true;
    }
    Object out;
    for (const auto& term : terms_) {
      if (term.star && !term.expr) {
        if (!alias_.empty()) out.Set(alias_, row->self);
        continue;
      }
      Value v = term.expr->Eval(*row, ctx_);
      if (term.star) {
        if (v.IsObject()) {
          for (const auto& [name, field] : v.AsObject()) out.Set(name, field);
        }
      } else if (!v.IsMissing()) {
        out.Set(term.name, std::move(v));
      }
    }
    row->result = Value(std::move(out));
    return true;
  }

 private:
  std::vector<CompiledTerm> terms_;
  bool raw_;
  std::string alias_;
};

}  // namespace

Result<ExecOperatorPtr> MakeInitialProject(const plan::InitialProject& op, const std::string& alias,
                                           ExecContext& ctx, ExecOperatorPtr in) {
  const auto names = plan::ProjectionNames(op.projection);
  std::vector<CompiledTerm> terms;
  for (size_t i = 0; i < op.projection.terms.size(); ++i) {
    const auto& term = op.projection.terms[i];
    CompiledTerm compiled{names[i], nullptr, term.star};
    if (term.expr) {
      auto eval = Compile(term.expr, CompileScope{alias});
      if (!eval.ok()) return eval.status();
      compiled.expr = std::move(eval.value());
    }
    terms.push_back(std::move(compiled));
  }
  return ExecOperatorPtr(std::make_unique<InitialProjectExec>(ctx, std::move(in), std::move(terms),
                                                              op.projection.raw, alias));
}

}  // namespace casql::exec
