#include "planner/operator.h"

namespace casql::plan {

Value Operator::Explain() const {
  Object out;
  out.Set("#operator", Value(Name()));
  ExplainFields(&out);
  return Value(std::move(out));
}

void ExplainKeyspace(const KeyspacePath& path, const std::string& alias, Object* out) {
  if (!alias.empty()) out->Set("as", Value(alias));
  if (!path.written_as_bucket && !path.is_system) {
    out->Set("bucket", Value(path.bucket));
    out->Set("scope", Value(path.scope));
  }
  out->Set("keyspace", Value(std::string(path.LastPart())));
  out->Set("namespace", Value(path.ns));
}

std::string ExprText(const ast::ExprPtr& expr) {
  return expr ? ast::ToString(*expr) : "";
}

Value ExplainUpdateFor(const ast::UpdateFor& clause) {
  Array bindings;
  for (const auto& level : clause.levels) {
    for (const auto& b : level) {
      std::string text = b.name_var.empty() ? "" : "`" + b.name_var + "` : ";
      text += "`" + b.var + "`" + (b.within ? " WITHIN " : " IN ") + ExprText(b.expr);
      bindings.push_back(Value(text));
    }
  }
  Object out;
  out.Set("bindings", Value(std::move(bindings)));
  if (clause.when) out.Set("when", Value(ExprText(clause.when)));
  return Value(std::move(out));
}

Value ExprTexts(const std::vector<ast::ExprPtr>& exprs) {
  Array out;
  for (const auto& e : exprs) out.push_back(Value(ExprText(e)));
  return Value(std::move(out));
}

Value ExplainBindings(const std::vector<ast::LetBinding>& bindings) {
  Array out;
  for (const auto& b : bindings) {
    out.push_back(Value(Object{{"expr", Value(ExprText(b.expr))}, {"var", Value(b.var)}}));
  }
  return Value(std::move(out));
}

}  // namespace casql::plan
