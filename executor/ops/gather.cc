// Gather: the parts of a scan split between threads, run at once and handed on part after
// part. Each part is a whole pipeline (scan, Fetch, per-row operators, InitialGroup) built for
// it alone, so the parts share nothing but the statement's context, whose error list,
// counters and interrupt are synchronised.
#include <system_error>
#include <thread>
#include <vector>

#include "executor/ops/ops.h"
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
    std::vector<std::thread> threads;
    std::vector<size_t> on_caller = {0};
    for (size_t i = 1; i < parts_.size(); ++i) {
      try {
        threads.emplace_back([this, i, &statuses] {
          // A subquery planned while its expression first runs needs the statement's context.
          StatementOnThread statement(ctx_);
          statuses[i] = Drain(i);
        });
      } catch (const std::system_error&) {
        on_caller.push_back(i);  // no thread to be had: the part runs after the first
      }
    }
    for (size_t i : on_caller) statuses[i] = Drain(i);
    for (std::thread& thread : threads) thread.join();
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
