#include "executor/expr/evaluator.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// Yields the keys of USE KEYS: a string, or the strings of an array (other values are
// skipped, as Couchbase skips them).
class KeyScanExec final : public ExecOperator {
 public:
  KeyScanExec(ExecContext& ctx, std::vector<std::string> keys)
      : ExecOperator(ctx), keys_(std::move(keys)) {}
  Result<bool> Next(Row* row) override {
    if (next_ >= keys_.size()) return false;
    *row = Row();
    row->key = std::move(keys_[next_++]);
    return true;
  }

 private:
  std::vector<std::string> keys_;
  size_t next_ = 0;
};

}  // namespace

Result<ExecOperatorPtr> MakeKeyScan(const plan::KeyScan& op, ExecContext& ctx) {
  auto eval = Compile(op.keys, CompileScope{});
  if (!eval.ok()) return eval.status();
  const Value keys = eval.value()->Eval(Row(), ctx);
  std::vector<std::string> list;
  if (keys.IsString()) list.push_back(keys.AsString());
  if (keys.IsArray()) {
    for (const Value& k : keys.AsArray()) {
      if (k.IsString()) list.push_back(k.AsString());
    }
  }
  return ExecOperatorPtr(std::make_unique<KeyScanExec>(ctx, std::move(list)));
}

}  // namespace casql::exec
