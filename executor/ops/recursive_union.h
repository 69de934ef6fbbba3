#pragma once

#include <cstdint>
#include <functional>

#include "executor/exec_operator.h"
#include "value/status.h"

namespace casql::exec {

// Builds the pipeline of one round of a recursive step, given the rows of the round before
// (the value its WITH name is bound to during that round).
using RecursiveStep = std::function<Result<ExecOperatorPtr>(const Value& previous_round)>;

// The OPTIONS of a WITH RECURSIVE binding; -1 is no limit.
struct RecursionLimits {
  int64_t levels = -1;     // the last round run; the anchor is round 0
  int64_t documents = -1;  // the most rows the binding holds
};

// Reads `{"levels": n, "documents": m}` (both optional, non-negative integers). Anything
// else is 3303 `Invalid config option ...`, naming the option and what is wrong with it.
Result<RecursionLimits> ParseRecursionLimits(const Value& options);

// The rows of a WITH RECURSIVE binding: the anchor's rows, then round after round of the
// step over the rows the round before produced, until a round produces none or a limit is
// reached (the rows so far are the binding then, not an error). With `distinct` (UNION
// rather than UNION ALL) a row seen before is dropped, which also ends a recursion that
// would cycle.
ExecOperatorPtr MakeRecursiveUnion(ExecOperatorPtr anchor, RecursiveStep step, bool distinct,
                                   RecursionLimits limits, ExecContext& ctx);

}  // namespace casql::exec
