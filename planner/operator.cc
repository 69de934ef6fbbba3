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
