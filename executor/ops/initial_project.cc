#include "executor/ops/ops.h"
#include "planner/planned_statement.h"

namespace casql::exec {

namespace {

struct CompiledTerm {
  std::string name;
  EvaluatorPtr expr;  // null for a bare `*`
  bool star = false;
};

// The keyspace aliases in scope with their slots: what a bare `*` projects.
using StarSources = std::vector<std::pair<std::string, size_t>>;

// Builds each row's result: named terms become fields (a MISSING value drops the field but
// keeps the row), `*` wraps each keyspace's document by its alias, `expr.*` merges an
// object's fields, and RAW yields the single term's value itself.
class InitialProjectExec final : public UnaryExecOperator {
 public:
  InitialProjectExec(ExecContext& ctx, ExecOperatorPtr in, std::vector<CompiledTerm> terms,
                     bool raw, StarSources star_sources, ResultNames bound)
      : UnaryExecOperator(ctx, std::move(in)),
        terms_(std::move(terms)),
        raw_(raw),
        star_sources_(std::move(star_sources)),
        bound_(std::move(bound)) {}

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
        for (const auto& [alias, slot] : star_sources_) {
          const Value& doc = row->Var(slot);
          if (!doc.IsMissing()) out.Set(alias, doc);
        }
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
    BindResultNames(bound_, row);
    return true;
  }

 private:
  std::vector<CompiledTerm> terms_;
  bool raw_;
  StarSources star_sources_;
  ResultNames bound_;
};

}  // namespace

Result<ExecOperatorPtr> MakeInitialProject(const plan::InitialProject& op, CompileScope* scope,
                                           ExecContext& ctx, ExecOperatorPtr in) {
  const auto names = plan::ProjectionNames(op.projection);
  std::vector<CompiledTerm> terms;
  for (size_t i = 0; i < op.projection.terms.size(); ++i) {
    const auto& term = op.projection.terms[i];
    CompiledTerm compiled{names[i], nullptr, term.star};
    if (term.expr) {
      auto eval = CompileInScope(term.expr, *scope);
      if (!eval.ok()) return eval.status();
      compiled.expr = std::move(eval.value());
    }
    terms.push_back(std::move(compiled));
  }
  StarSources sources;
  for (size_t slot = 0; slot < scope->names.size(); ++slot) {
    if (scope->names[slot].keyspace) sources.emplace_back(scope->names[slot].name, slot);
  }
  ResultNames bound;
  if (op.bind_terms && !op.projection.raw) bound = AddResultNames(names, scope);
  return ExecOperatorPtr(std::make_unique<InitialProjectExec>(ctx, std::move(in), std::move(terms),
                                                              op.projection.raw, std::move(sources),
                                                              std::move(bound)));
}

}  // namespace casql::exec
