// Gather: the parts of a scan split between threads, run at once and handed on part after
// part. Each part is a whole pipeline (scan, Fetch, per-row operators, InitialGroup) built for
// it alone, so the parts share nothing but the statement's context, whose error list,
// counters and interrupt are synchronised.
#include <vector>

#include "executor/ops/ops.h"
#include "executor/run_parallel.h"
#include "executor/subquery.h"

namespace casql::exec {

namespace {

class GatherExec final : public ExecOperator {
 public:
  GatherExec(ExecContext& ctx, std::vector<ExecOperatorPtr> parts)
      : ExecOperator(ctx), parts_(std::move(parts)), rows_(parts_.size()) {}

  Result<bool> Next(Row* row) override {
    if (!ran_) {
      ran_ = true;
      CASQL_RETURN_IF_ERROR(RunAll());
    }
    while (part_ < rows_.size()) {
      if (next_ < rows_[part_].size()) {
        *row = std::move(rows_[part_][next_++]);
        return true;
      }
      rows_[part_++].clear();
      next_ = 0;
    }
    return false;
  }

 private:
  Status RunAll() {
    std::vector<Status> statuses(parts_.size());
    RunParallel(parts_.size(), [this, &statuses](size_t part) {
      // A subquery planned while its expression first runs needs the statement's context.
      StatementOnThread statement(ctx_);
      statuses[part] = Drain(part);
    });
    parts_.clear();
    for (const Status& status : statuses) CASQL_RETURN_IF_ERROR(status);
    return Status::OK();
  }

  Status Drain(size_t part) {
    Row row;
    while (true) {
      auto more = parts_[part]->Next(&row);
      if (!more.ok()) {
        ctx_.Interrupt(more.status());
        return more.status();
      }
      if (!*more) return Status::OK();
      rows_[part].push_back(std::move(row));
    }
  }

  std::vector<ExecOperatorPtr> parts_;
  std::vector<std::vector<Row>> rows_;
  bool ran_ = false;
  size_t part_ = 0;
  size_t next_ = 0;
};

}  // namespace

ExecOperatorPtr MakeGather(std::vector<ExecOperatorPtr> parts, ExecContext& ctx) {
  return std::make_unique<GatherExec>(ctx, std::move(parts));
}

}  // namespace casql::exec
