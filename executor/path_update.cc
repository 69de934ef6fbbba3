#include "executor/path_update.h"

#include <cmath>

namespace casql::exec {

Result<PathUpdate> PathUpdate::Compile(const ast::ExprPtr& path, const CompileScope& scope,
                                       size_t slot, bool allow_root) {
  std::vector<Step> reversed;
  const ast::Expr* node = path.get();
  while (node && node->kind != ast::ExprKind::kIdentifier) {
    if (node->kind == ast::ExprKind::kField) {
      reversed.push_back(Step{node->name, nullptr});
    } else if (node->kind == ast::ExprKind::kElement ||
               node->kind == ast::ExprKind::kDynamicField) {
      auto index = exec::Compile(node->args[1], scope);
      if (!index.ok()) return index.status();
      reversed.push_back(Step{"", std::move(index.value())});
    } else {
      break;
    }
    node = node->args[0].get();
  }
  if (!node || node->kind != ast::ExprKind::kIdentifier ||
      scope.Find(node->name) != static_cast<int>(slot) || (reversed.empty() && !allow_root)) {
    return Status(ErrorCode::kSemantics, "Invalid path " + ast::ToString(path) +
                                             ": it must be a field of " + scope.names[slot].name);
  }
  PathUpdate update;
  for (auto it = reversed.rbegin(); it != reversed.rend(); ++it)
    update.steps_.push_back(std::move(*it));
  return update;
}

namespace {

// Resolves one step to a mutable child, or null when it does not exist.
Value* Child(Value* container, const std::string& field, const Value& index) {
  if (container->IsObject()) {
    const std::string& name = index.IsString() ? index.AsString() : field;
    if (!index.IsMissing() && !index.IsString()) return nullptr;
    return container->MutableObject().FindMutable(name);
  }
  if (container->IsArray() && index.IsNumber()) {
    Array& array = container->MutableArray();
    int64_t i = static_cast<int64_t>(std::floor(index.AsDouble()));
    if (i < 0) i += static_cast<int64_t>(array.size());
    if (i < 0 || i >= static_cast<int64_t>(array.size())) return nullptr;
    return &array[static_cast<size_t>(i)];
  }
  return nullptr;
}

}  // namespace

Value* PathUpdate::Resolve(Value* doc, const Row& row, ExecContext& ctx) const {
  Value* current = doc;
  for (const Step& step : steps_) {
    const Value index = step.index ? step.index->Eval(row, ctx) : Value();
    current = Child(current, step.field, index);
    if (!current) return nullptr;
  }
  return current;
}

void PathUpdate::Apply(Value* doc, Value value, const Row& row, ExecContext& ctx) const {
  if (steps_.empty()) {
    if (!value.IsMissing()) *doc = std::move(value);
    return;
  }
  Value* current = doc;
  for (size_t i = 0; i + 1 < steps_.size(); ++i) {
    const Value index = steps_[i].index ? steps_[i].index->Eval(row, ctx) : Value();
    current = Child(current, steps_[i].field, index);
    if (!current) return;
  }
  const Step& last = steps_.back();
  const Value index = last.index ? last.index->Eval(row, ctx) : Value();
  if (current->IsObject() && (!last.index || index.IsString())) {
    const std::string& name = last.index ? index.AsString() : last.field;
    if (value.IsMissing()) {
      current->MutableObject().Remove(name);
    } else {
      current->MutableObject().Set(name, std::move(value));
    }
    return;
  }
  if (Value* slot = Child(current, last.field, index)) {
    *slot = value.IsMissing() ? Value::Null() : std::move(value);
  }
}

}  // namespace casql::exec
