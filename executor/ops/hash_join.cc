#include <unordered_map>

#include "executor/canonical_key.h"
#include "executor/expr/truth.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

std::vector<Value> EvalAll(const std::vector<EvaluatorPtr>& exprs, const Row& row,
                           ExecContext& ctx) {
  std::vector<Value> out;
  for (const auto& e : exprs) out.push_back(e->Eval(row, ctx));
  return out;
}

bool AnyUnknown(const std::vector<Value>& values) {
  for (const Value& v : values) {
    if (v.IsMissingOrNull()) return true;
  }
  return false;
}

// ANSI JOIN on equalities: the right side runs once into a table keyed by the build
// expressions (rows with a MISSING or NULL key can never match and are left out); each
// outer row probes it and every candidate pair is checked against the whole ON clause.
class HashJoinExec final : public UnaryExecOperator {
 public:
  struct Spec {
    std::vector<EvaluatorPtr> build, probe;
    EvaluatorPtr on;
    size_t slot = 0;
    bool outer = false;
  };
  HashJoinExec(ExecContext& ctx, ExecOperatorPtr in, ExecOperatorPtr build_side, Spec spec)
      : UnaryExecOperator(ctx, std::move(in)),
        build_side_(std::move(build_side)),
        spec_(std::move(spec)) {}

  Result<bool> Next(Row* row) override {
    if (build_side_) CASQL_RETURN_IF_ERROR(BuildTable());
    while (true) {
      while (candidates_ && next_ < candidates_->size()) {
        const Row& right = (*candidates_)[next_++];
        *row = current_;
        row->Bind(spec_.slot, right.Var(spec_.slot));
        row->BindMeta(spec_.slot,
                      right.metas.size() > spec_.slot ? right.metas[spec_.slot] : nullptr);
        if (!Truthy(spec_.on->Eval(*row, ctx_))) continue;
        matched_ = true;
        return true;
      }
      if (started_ && !matched_ && spec_.outer) {
        matched_ = true;
        *row = std::move(current_);
        row->Bind(spec_.slot, Value());
        return true;
      }
      auto more = input_->Next(&current_);
      if (!more.ok() || !*more) return more;
      started_ = true;
      matched_ = false;
      next_ = 0;
      const std::vector<Value> key = EvalAll(spec_.probe, current_, ctx_);
      auto it = AnyUnknown(key) ? table_.end() : table_.find(CanonicalKey(key));
      candidates_ = it == table_.end() ? nullptr : &it->second;
    }
  }

 private:
  Status BuildTable() {
    Row row;
    while (true) {
      auto more = build_side_->Next(&row);
      if (!more.ok()) return more.status();
      if (!*more) break;
      const std::vector<Value> key = EvalAll(spec_.build, row, ctx_);
      if (AnyUnknown(key)) continue;
      table_[CanonicalKey(key)].push_back(std::move(row));
    }
    build_side_.reset();
    return Status::OK();
  }

  ExecOperatorPtr build_side_;
  Spec spec_;
  std::unordered_map<std::string, std::vector<Row>> table_;
  Row current_;
  const std::vector<Row>* candidates_ = nullptr;
  size_t next_ = 0;
  bool started_ = false;
  bool matched_ = false;
};

}  // namespace

Result<ExecOperatorPtr> MakeHashJoin(const plan::HashJoin& op, const CompileScope& scope,
                                     ExecOperatorPtr build_side, ExecContext& ctx,
                                     ExecOperatorPtr in) {
  HashJoinExec::Spec spec;
  for (const auto& e : op.build_exprs) {
    auto eval = CompileInScope(e, scope);
    if (!eval.ok()) return eval.status();
    spec.build.push_back(std::move(eval.value()));
  }
  for (const auto& e : op.probe_exprs) {
    auto eval = CompileInScope(e, scope);
    if (!eval.ok()) return eval.status();
    spec.probe.push_back(std::move(eval.value()));
  }
  auto on = CompileInScope(op.on_clause, scope);
  if (!on.ok()) return on.status();
  spec.on = std::move(on.value());
  spec.slot = static_cast<size_t>(scope.Find(op.alias));
  spec.outer = op.outer;
  return ExecOperatorPtr(
      std::make_unique<HashJoinExec>(ctx, std::move(in), std::move(build_side), std::move(spec)));
}

}  // namespace casql::exec
