#pragma once

#include <functional>

#include "executor/path_update.h"
#include "parser/ast/statement.h"

namespace casql::exec {

// The `FOR [pos :] v IN arr [WHEN cond] END` of a SET or UNSET term: the term applies to each
// element of an array inside the document being updated. As in Couchbase, the array is read
// from the document as fetched (for WHEN and the SET value) and written in the clone, element
// by element; when an earlier term shortened the clone's array, the extra elements are skipped.
// One FOR level with one binding is supported (IN only); other forms are rejected when
// compiling.
class UpdateForEach {
 public:
  // Compiles the clause against `scope` (where `doc_slot` is the updated document) and adds
  // the FOR variables to `inner`, the scope the term's path and value compile in.
  static Result<UpdateForEach> Compile(const ast::UpdateFor& clause, const CompileScope& scope,
                                       size_t doc_slot, CompileScope* inner);

  // Calls `fn` with each matching element of the clone's array and a row in which the FOR
  // variables are bound to the fetched document's element (and its position).
  void ForEach(Value* clone, const Row& row, ExecContext& ctx,
               const std::function<void(Value* element, const Row& local)>& fn) const;

  size_t var_slot() const { return var_slot_; }

 private:
  EvaluatorPtr source_;  // the array, from the fetched document
  PathUpdate target_;    // the same array inside the clone
  EvaluatorPtr when_;    // null when there is no WHEN
  size_t var_slot_ = 0;
  int pos_slot_ = -1;
};

}  // namespace casql::exec
