#include "planner/ops/initial_project.h"

namespace casql::plan {

void InitialProject::ExplainFields(Object* out) const {
  if (discard_original) out->Set("discard_original", Value(true));
  if (projection.distinct) out->Set("distinct", Value(true));
  if (preserve_order) out->Set("preserve_order", Value(true));
  if (projection.raw) out->Set("raw", Value(true));
  Array terms;
  for (const auto& term : projection.terms) {
    Object t;
    if (!term.alias.empty()) t.Set("as", Value(term.alias));
    if (term.expr) t.Set("expr", Value(ExprText(term.expr)));
    if (term.star) t.Set("star", Value(true));
    terms.push_back(Value(std::move(t)));
  }
  out->Set("result_terms", Value(std::move(terms)));
}

}  // namespace casql::plan
