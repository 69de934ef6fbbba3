#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// The rows of each child in turn; each output row carries only its result (and the result
// names an ORDER BY over the union may read).
class UnionAllExec final : public ExecOperator {
 public:
  UnionAllExec(ExecContext& ctx, std::vector<ExecOperatorPtr> children, ResultNames names)
      : ExecOperator(ctx), children_(std::move(children)), names_(std::move(names)) {}

  Result<bool> Next(Row* row) override {
    Row got;
    while (current_ < children_.size()) {
      auto more = children_[current_]->Next(&got);
      if (!more.ok()) return more;
      if (*more) {
        *row = Row();
        row->result = std::move(got.result);
        BindResultNames(names_, row);
        return true;
      }
      ++current_;
    }
    return false;
  }

 private:
  std::vector<ExecOperatorPtr> children_;
  ResultNames names_;
  size_t current_ = 0;
};

}  // namespace

ExecOperatorPtr MakeUnionAll(std::vector<ExecOperatorPtr> children, ResultNames names,
                             ExecContext& ctx) {
  return std::make_unique<UnionAllExec>(ctx, std::move(children), std::move(names));
}

}  // namespace casql::exec
