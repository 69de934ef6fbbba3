#include "executor/update_for.h"

#include "executor/expr/truth.h"

namespace casql::exec {

Result<UpdateForEach> UpdateForEach::Compile(const ast::UpdateFor& clause,
                                             const CompileScope& scope, size_t doc_slot,
                                             CompileScope* inner) {
  if (clause.levels.size() != 1 || clause.levels[0].size() != 1 || clause.levels[0][0].within) {
    return Status(ErrorCode::kSemantics,
                  "SET/UNSET ... FOR supports one binding `[pos :] v IN array`; nested FOR, "
                  "several bindings and WITHIN are not supported by this version of casql");
  }
  const ast::Binding& binding = clause.levels[0][0];
  UpdateForEach out;
  auto source = exec::Compile(binding.expr, scope);
  if (!source.ok()) return source.status();
  out.source_ = std::move(source.value());
  auto target = PathUpdate::Compile(binding.expr, scope, doc_slot);
  if (!target.ok()) {
    return Status(ErrorCode::kSemantics,
                  "The array of SET/UNSET ... FOR must be a path of the "
                  "updated document: " +
                      ast::ToString(binding.expr));
  }
  out.target_ = std::move(target.value());
  *inner = scope;
  if (!binding.name_var.empty()) out.pos_slot_ = static_cast<int>(inner->Add(binding.name_var));
  out.var_slot_ = inner->Add(binding.var);
  if (clause.when) {
    auto when = exec::Compile(clause.when, *inner);
    if (!when.ok()) return when.status();
    out.when_ = std::move(when.value());
  }
  return out;
}

void UpdateForEach::ForEach(Value* clone, const Row& row, ExecContext& ctx,
                            const std::function<void(Value* element, const Row& local)>& fn) const {
  const Value original = source_->Eval(row, ctx);
  Value* array = target_.Resolve(clone, row, ctx);
  if (!original.IsArray() || !array || !array->IsArray()) return;
  const size_t n = std::min(original.AsArray().size(), array->AsArray().size());
  Row local = row;
  for (size_t i = 0; i < n; ++i) {
    local.Bind(var_slot_, original.AsArray()[i]);
    if (pos_slot_ >= 0) local.Bind(static_cast<size_t>(pos_slot_), Value(static_cast<int64_t>(i)));
    if (when_ && !Truthy(when_->Eval(local, ctx))) continue;
    fn(&array->MutableArray()[i], local);
  }
}

}  // namespace casql::exec
