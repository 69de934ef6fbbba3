#pragma once

#include <cstdint>
#include <limits>

#include "executor/exec_context.h"
#include "parser/ast/expression.h"
#include "value/status.h"

namespace casql::exec {

// The OFFSET and LIMIT the planner pushed into a scan (PrimaryScan3, IndexScan3): the scan
// skips `skip` keys, yields at most `take` more, and reads nothing past them.
struct ScanWindow {
  int64_t skip = 0;
  int64_t take = std::numeric_limits<int64_t>::max();

  // Evaluates the pushed expressions (null: not pushed) as the Offset and Limit operators
  // would, with their errors.
  static Result<ScanWindow> Of(const ast::ExprPtr& limit, const ast::ExprPtr& offset,
                               ExecContext& ctx);
  // The most keys the scan has to read: skip + take, saturated.
  uint64_t Reach() const;
};

}  // namespace casql::exec
