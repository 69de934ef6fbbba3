#include <unordered_map>

#include "executor/ops/group_spec.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// Merges the partial aggregates of rows with equal group keys (InitialGroup's outputs from
// several producers); blocking.
class IntermediateGroupExec final : public UnaryExecOperator {
 public:
  IntermediateGroupExec(ExecContext& ctx, ExecOperatorPtr in, GroupSpec spec)
      : UnaryExecOperator(ctx, std::move(in)), spec_(std::move(spec)) {}

  Result<bool> Next(Row* row) override {
    if (!merged_) {
      merged_ = true;
      CASQL_RETURN_IF_ERROR(Merge());
    }
    if (next_ >= groups_.size()) return false;
    *row = std::move(groups_[next_++]);
    return true;
  }

 private:
  Status Merge() {
    std::unordered_map<std::string, size_t> index;
    Row row;
    while (true) {
      auto more = input_->Next(&row);
      if (!more.ok()) return more.status();
      if (!*more) return Status::OK();
      auto [it, inserted] = index.try_emplace(spec_.KeyOf(row, ctx_), groups_.size());
      if (inserted) {
        groups_.push_back(std::move(row));
        continue;
      }
      Row& group = groups_[it->second];
      for (size_t i = 0; i < spec_.aggregates.size(); ++i) {
        group.partials[i]->Merge(*row.partials[i]);
      }
    }
  }

  GroupSpec spec_;
  bool merged_ = false;
  std::vector<Row> groups_;
  size_t next_ = 0;
};

}  // namespace

Result<ExecOperatorPtr> MakeIntermediateGroup(const plan::IntermediateGroup& op,
                                              CompileScope* scope, ExecContext& ctx,
                                              ExecOperatorPtr in) {
  auto spec = CompileGroup(op.keys, op.aggregates, scope);
  if (!spec.ok()) return spec.status();
  return ExecOperatorPtr(
      std::make_unique<IntermediateGroupExec>(ctx, std::move(in), std::move(spec.value())));
}

}  // namespace casql::exec
