#include "executor/update_target.h"

namespace casql::exec {

Result<UpdateTarget> UpdateTarget::Compile(const ast::ExprPtr& path,
                                           const ast::UpdateFor* update_for,
                                           const CompileScope& scope, size_t doc_slot,
                                           bool allow_root_with_for, CompileScope* inner) {
  UpdateTarget target;
  *inner = scope;
  size_t root = doc_slot;
  if (update_for) {
    auto for_each = UpdateForEach::Compile(*update_for, scope, doc_slot, inner);
    if (!for_each.ok()) return for_each.status();
    root = for_each->var_slot();
    target.for_each_ = std::move(for_each.value());
  }
  auto compiled =
      PathUpdate::Compile(path, *inner, root, allow_root_with_for && update_for != nullptr);
  if (!compiled.ok()) return compiled.status();
  target.path_ = std::move(compiled.value());
  return target;
}

void UpdateTarget::Apply(Row* row, ExecContext& ctx,
                         const std::function<Value(const Row&)>& value_of) const {
  if (for_each_) {
    for_each_->ForEach(&row->clone, *row, ctx, [&](Value* element, const Row& local) {
      path_.Apply(element, value_of(local), local, ctx);
    });
  } else {
    path_.Apply(&row->clone, value_of(*row), *row, ctx);
  }
}

}  // namespace casql::exec
