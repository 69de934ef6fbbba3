#include "executor/ops/ops.h"
#include "executor/system_keyspaces.h"

namespace casql::exec {

namespace {

// The primary scan of a system keyspace: the keys of its documents as they are when the scan
// starts (the catalog is small; it is listed whole).
class SystemScanExec final : public ExecOperator {
 public:
  SystemScanExec(ExecContext& ctx, std::string name) : ExecOperator(ctx), name_(std::move(name)) {}

  Result<bool> Next(Row* row) override {
    if (!listed_) {
      listed_ = true;
      for (auto& [key, doc] : SystemDocuments(ctx_.datastore(), name_)) keys_.push_back(key);
    }
    if (next_ >= keys_.size()) return false;
    *row = Row();
    row->key = std::move(keys_[next_++]);
    return true;
  }

 private:
  std::string name_;
  bool listed_ = false;
  std::vector<std::string> keys_;
  size_t next_ = 0;
};

}  // namespace

Result<ExecOperatorPtr> MakeSystemScan(const plan::PrimaryScan& op, ExecContext& ctx) {
  return ExecOperatorPtr(std::make_unique<SystemScanExec>(ctx, op.keyspace.bucket));
}

}  // namespace casql::exec
