#include "executor/datastore.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// Streams a collection's keys in key order, a batch at a time, so a large keyspace is never
// held in memory at once. Each batch resumes just after the last key of the previous one.
class PrimaryScanExec final : public ExecOperator {
 public:
  PrimaryScanExec(ExecContext& ctx, std::shared_ptr<kv::Collection> collection)
      : ExecOperator(ctx), collection_(std::move(collection)) {}

  Result<bool> Next(Row* row) override {
    if (next_ >= batch_.size()) {
      if (exhausted_) return false;
      CASQL_RETURN_IF_ERROR(Refill());
      if (batch_.empty()) return false;
    }
    *row = Row();
    row->key = std::move(batch_[next_++]);
    return true;
  }

 private:
  static constexpr size_t kBatch = 1024;

  Status Refill() {
    // A scan whose rows are all filtered out never returns to the statement's row loop, so
    // it polls for a timeout itself, once per batch.
    CASQL_RETURN_IF_ERROR(ctx_.CheckInterrupt());
    batch_.clear();
    next_ = 0;
    kv::Status status =
        collection_->Scan(resume_, "", [&](std::string_view key, const kv::GetResult&) {
          batch_.emplace_back(key);
          return batch_.size() < kBatch;
        });
    if (!status.ok())
      return Status(ErrorCode::kInternal, "Primary scan failed: " + status.message());
    if (batch_.size() < kBatch) exhausted_ = true;
    if (!batch_.empty()) resume_ = batch_.back() + std::string(1, '\0');
    return Status::OK();
  }

  std::shared_ptr<kv::Collection> collection_;
  std::vector<std::string> batch_;
  size_t next_ = 0;
  std::string resume_;
  bool exhausted_ = false;
};

}  // namespace

Result<ExecOperatorPtr> MakePrimaryScan(const plan::PrimaryScan& op, ExecContext& ctx) {
  if (op.keyspace.is_system) return MakeSystemScan(op, ctx);
  auto collection = ctx.datastore().Collection(op.keyspace);
  if (!collection.ok()) return collection.status();
  return ExecOperatorPtr(std::make_unique<PrimaryScanExec>(ctx, collection.value()));
}

}  // namespace casql::exec
