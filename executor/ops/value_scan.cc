#include "executor/dml_errors.h"
#include "executor/expr/evaluator.h"
#include "executor/ops/ops.h"
#include "value/json.h"

namespace casql::exec {

namespace {

struct CompiledTuple {
  EvaluatorPtr key, value, options;
};

// Evaluates each (KEY, VALUE [, OPTIONS]) tuple into a row: key, clone = the new document,
// options. A tuple with a bad key or value is reported (5050-5070) and skipped.
class ValueScanExec final : public ExecOperator {
 public:
  ValueScanExec(ExecContext& ctx, std::vector<CompiledTuple> tuples, bool upsert)
      : ExecOperator(ctx), tuples_(std::move(tuples)), upsert_(upsert) {}

  Result<bool> Next(Row* row) override {
    while (next_ < tuples_.size()) {
      const CompiledTuple& t = tuples_[next_++];
      Row empty;
      const Value key = t.key->Eval(empty, ctx_);
      const Value value = t.value->Eval(empty, ctx_);
      if (auto error = CheckInsertTuple(key, value, upsert_)) {
        ctx_.AddError(std::move(*error));
      } else {
        *row = Row();
        row->key = key.AsString();
        row->clone = value;
        if (t.options) row->options = t.options->Eval(empty, ctx_);
        return true;
      }
    }
    return false;
  }

 private:
  std::vector<CompiledTuple> tuples_;
  bool upsert_;
  size_t next_ = 0;
};

}  // namespace

Result<ExecOperatorPtr> MakeValueScan(const plan::ValueScan& op, ExecContext& ctx) {
  std::vector<CompiledTuple> tuples;
  for (const auto& v : op.values) {
    CompiledTuple t;
    for (auto [expr, out] : {std::pair{&v.key, &t.key}, std::pair{&v.value, &t.value}}) {
      auto compiled = Compile(*expr, CompileScope{});
      if (!compiled.ok()) return compiled.status();
      *out = std::move(compiled.value());
    }
    if (v.options) {
      auto compiled = Compile(v.options, CompileScope{});
      if (!compiled.ok()) return compiled.status();
      t.options = std::move(compiled.value());
    }
    tuples.push_back(std::move(t));
  }
  return ExecOperatorPtr(std::make_unique<ValueScanExec>(ctx, std::move(tuples), op.upsert));
}

}  // namespace casql::exec
