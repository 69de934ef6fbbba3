#pragma once

#include <functional>

#include "executor/exec_operator.h"
#include "value/status.h"

namespace casql::exec {

// Builds the pipeline of one round of a recursive step, given the rows of the round before
// (the value its WITH name is bound to during that round).
using RecursiveStep = std::function<Result<ExecOperatorPtr>(const Value& previous_round)>;

// The rows of a WITH RECURSIVE binding: the anchor's rows, then round after round of the
// step over the rows the round before produced, until a round produces none. With
// `distinct` (UNION rather than UNION ALL) a row seen before is dropped, which also ends a
// recursion that would cycle.
ExecOperatorPtr MakeRecursiveUnion(ExecOperatorPtr anchor, RecursiveStep step, bool distinct,
                                   ExecContext& ctx);

}  // namespace casql::exec
