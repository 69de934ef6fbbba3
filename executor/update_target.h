#pragma once

#include <functional>
#include <optional>

#include "executor/path_update.h"
#include "executor/update_for.h"
#include "parser/ast/statement.h"

namespace casql::exec {

// Where one SET or UNSET term writes: a path in the clone, or with `FOR ... END` that path in
// each matching element of an array inside the clone. SET and UNSET differ only in the value
// they put there (UNSET puts MISSING, which removes the field).
class UpdateTarget {
 public:
  // Compiles the term's path and FOR clause (null when none) against `scope`, in which
  // `doc_slot` is the updated document. `inner` receives the scope the term's value compiles
  // in: `scope` plus the FOR variables. With a FOR clause and `allow_root_with_for`, the
  // bare FOR variable is a valid path (`SET v = ... FOR v IN arr END` replaces elements).
  static Result<UpdateTarget> Compile(const ast::ExprPtr& path, const ast::UpdateFor* update_for,
                                      const CompileScope& scope, size_t doc_slot,
                                      bool allow_root_with_for, CompileScope* inner);

  // Puts `value_of(r)` at the target inside row->clone, `r` being the row the value is
  // evaluated over (with the FOR variables bound when there is a FOR clause).
  void Apply(Row* row, ExecContext& ctx, const std::function<Value(const Row&)>& value_of) const;

 private:
  PathUpdate path_;
  std::optional<UpdateForEach> for_each_;
};

}  // namespace casql::exec
