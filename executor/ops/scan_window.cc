#include "executor/ops/scan_window.h"

#include <algorithm>

#include "executor/ops/ops.h"

namespace casql::exec {

Result<ScanWindow> ScanWindow::Of(const ast::ExprPtr& limit, const ast::ExprPtr& offset,
                                  ExecContext& ctx) {
  ScanWindow window;
  if (offset) {
    auto skip = EvalCount(offset, "OFFSET", ctx);
    if (!skip.ok()) return skip.status();
    window.skip = *skip;
  }
  if (limit) {
    auto take = EvalCount(limit, "LIMIT", ctx);
    if (!take.ok()) return take.status();
    window.take = *take;
  }
  return window;
}

uint64_t ScanWindow::Reach() const {
  const uint64_t sum = static_cast<uint64_t>(skip) + static_cast<uint64_t>(take);
  return std::min<uint64_t>(sum, std::numeric_limits<int64_t>::max());
}

}  // namespace casql::exec
