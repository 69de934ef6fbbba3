#include <unordered_map>

#include "executor/ops/group_spec.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// Groups all input rows (blocking) and feeds each group's aggregators; emits one row per
// group: the group's first row carrying the aggregators in `partials`.
class InitialGroupExec final : public UnaryExecOperator {
 public:
  InitialGroupExec(ExecContext& ctx, ExecOperatorPtr in, GroupSpec spec)
      : UnaryExecOperator(ctx, std::move(in)), spec_(std::move(spec)) {}

  Result<bool> Next(Row* row) override {
    if (!grouped_) {
      grouped_ = true;
      CASQL_RETURN_IF_ERROR(Group());
    }
    if (next_ >= groups_.size()) return false;
    *row = std::move(groups_[next_++]);
    return true;
  }

 private:
  Status Group() {
    std::unordered_map<std::string, size_t> index;
    Row row;
    while (true) {
      auto more = input_->Next(&row);
      if (!more.ok()) return more.status();
      if (!*more) return Status::OK();
      auto [it, inserted] = index.try_emplace(spec_.KeyOf(row, ctx_), groups_.size());
      if (inserted) {
        groups_.push_back(row);
        groups_.back().partials = spec_.NewPartials();
      }
      Row& group = groups_[it->second];
      for (size_t i = 0; i < spec_.aggregates.size(); ++i) {
        const auto& agg = spec_.aggregates[i];
        // COUNT(*) counts rows: any non-NULL value stands for one.
        group.partials[i]->Add(agg.arg ? agg.arg->Eval(row, ctx_) : Value(true));
      }
    }
  }

  GroupSpec spec_;
  bool grouped_ = false;
  std::vector<Row> groups_;
  size_t next_ = 0;
};

}  // namespace

Result<ExecOperatorPtr> MakeInitialGroup(const plan::InitialGroup& op, CompileScope* scope,
                                         ExecContext& ctx, ExecOperatorPtr in) {
  auto spec = CompileGroup(op.keys, op.aggregates, scope);
  if (!spec.ok()) return spec.status();
  return ExecOperatorPtr(
      std::make_unique<InitialGroupExec>(ctx, std::move(in), std::move(spec.value())));
}

}  // namespace casql::exec
