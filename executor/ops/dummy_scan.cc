#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

class DummyScanExec final : public ExecOperator {
 public:
  using ExecOperator::ExecOperator;
  Result<bool> Next(Row* row) override {
    if (done_) return false;
    done_ = true;
    *row = Row();
    return true;
  }

 private:
  bool done_ = false;
};

}  // namespace

Result<ExecOperatorPtr> MakeDummyScan(ExecContext& ctx) {
  return ExecOperatorPtr(std::make_unique<DummyScanExec>(ctx));
}

}  // namespace casql::exec
