#include <algorithm>

#include "executor/datastore.h"
#include "executor/ops/ops.h"
#include "executor/ops/scan_window.h"

namespace casql::exec {

namespace {

// Streams a collection's keys in key order, a batch at a time, so a large keyspace is never
// held in memory at once. Each batch resumes just after the last key of the previous one.
// A pushed OFFSET/LIMIT window bounds the keys read: the last batch is cut at its end.
class PrimaryScanExec final : public ExecOperator {
 public:
  PrimaryScanExec(ExecContext& ctx, std::shared_ptr<kv::Collection> collection, ScanWindow window)
      : ExecOperator(ctx),
        collection_(std::move(collection)),
        to_skip_(window.skip),
        to_read_(window.Reach()) {}

  Result<bool> Next(Row* row) override {
    while (true) {
      if (next_ >= batch_.size()) {
        if (exhausted_) return false;
        CASQL_RETURN_IF_ERROR(Refill());
        if (batch_.empty()) return false;
      }
      std::string& key = batch_[next_++];
      if (to_skip_ > 0) {
        --to_skip_;
        continue;
      }
      *row = Row();
      row->key = std::move(key);
      return true;
    }
  }

 private:
  static constexpr size_t kBatch = 1024;

  Status Refill() {
    // A scan whose rows are all filtered out never returns to the statement's row loop, so
    // it polls for a timeout itself, once per batch.
    CASQL_RETURN_IF_ERROR(ctx_.CheckInterrupt());
    batch_.clear();
    next_ = 0;
    const size_t want = static_cast<size_t>(std::min<uint64_t>(kBatch, to_read_));
    if (want > 0) {
      kv::Status status =
          collection_->Scan(resume_, "", [&](std::string_view key, const kv::GetResult&) {
            batch_.emplace_back(key);
            return batch_.size() < want;
          });
      if (!status.ok())
        return Status(ErrorCode::kInternal, "Primary scan failed: " + status.message());
    }
    to_read_ -= batch_.size();
    if (batch_.size() < want || to_read_ == 0) exhausted_ = true;
    if (!batch_.empty()) resume_ = batch_.back() + std::string(1, '\0');
    return Status::OK();
  }

  std::shared_ptr<kv::Collection> collection_;
  std::vector<std::string> batch_;
  size_t next_ = 0;
  std::string resume_;
  bool exhausted_ = false;
  int64_t to_skip_;
  uint64_t to_read_;  // keys the window still lets the scan read
};

}  // namespace

Result<ExecOperatorPtr> MakePrimaryScan(const plan::PrimaryScan& op, ExecContext& ctx) {
  if (op.keyspace.is_system) return MakeSystemScan(op, ctx);
  auto collection = ctx.datastore().Collection(op.keyspace);
  if (!collection.ok()) return collection.status();
  auto window = ScanWindow::Of(op.limit, op.offset, ctx);
  if (!window.ok()) return window.status();
  return ExecOperatorPtr(
      std::make_unique<PrimaryScanExec>(ctx, collection.value(), window.value()));
}

}  // namespace casql::exec
