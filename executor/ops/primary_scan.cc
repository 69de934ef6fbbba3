#include <cassert>

#include "executor/datastore.h"
#include "executor/ops/document_reader.h"
#include "executor/ops/ops.h"
#include "executor/ops/scan_window.h"

namespace casql::exec {

namespace {

// Streams a collection's keys in key order through one cursor, so a large keyspace is never
// held in memory at once. Fused with the Fetch that follows it (fetch_slot set), it also binds
// each document with its META: the cursor read that version as it reached the key, which is
// what a Fetch pulled right after would read, without a second lookup. A pushed OFFSET/LIMIT
// window bounds the keys read: the scan stops at its end.
class PrimaryScanExec final : public ExecOperator {
 public:
  PrimaryScanExec(ExecContext& ctx, std::shared_ptr<kv::Collection> collection,
                  std::optional<size_t> fetch_slot, std::string keyspace_name, ScanWindow window,
                  std::string_view start, std::string_view end)
      : ExecOperator(ctx),
        collection_(std::move(collection)),
        cursor_(collection_->OpenScan(start, end)),
        fetch_slot_(fetch_slot),
        keyspace_name_(std::move(keyspace_name)),
        to_skip_(window.skip),
        to_read_(window.Reach()) {}

  Result<bool> Next(Row* row) override {
    while (true) {
      // A scan whose rows are all filtered out never returns to the statement's row loop, so
      // it polls for a timeout itself: before its first key and every kPollEvery keys.
      if (scanned_++ % kPollEvery == 0) CASQL_RETURN_IF_ERROR(ctx_.CheckInterrupt());
      if (to_read_ == 0 || !cursor_.Next(&key_, &item_)) return false;
      --to_read_;
      if (to_skip_ > 0) {
        --to_skip_;
        continue;
      }
      *row = Row();
      row->key = key_;
      if (fetch_slot_) {
        row->Bind(*fetch_slot_, DocumentValue(item_));
        row->BindMeta(*fetch_slot_, MakeDocMeta(row->key, item_, keyspace_name_));
      }
      return true;
    }
  }

 private:
  static constexpr size_t kPollEvery = 1024;

  std::shared_ptr<kv::Collection> collection_;
  kv::Collection::Cursor cursor_;
  std::optional<size_t> fetch_slot_;
  std::string keyspace_name_;
  std::string key_;
  kv::GetResult item_;
  size_t scanned_ = 0;
  int64_t to_skip_;
  uint64_t to_read_;  // keys the window still lets the scan read
};

Result<ExecOperatorPtr> MakeScan(const plan::PrimaryScan& op, std::optional<size_t> fetch_slot,
                                 ExecContext& ctx, std::string_view start = "",
                                 std::string_view end = "") {
  auto collection = ctx.datastore().Collection(op.keyspace);
  if (!collection.ok()) return collection.status();
  auto window = ScanWindow::Of(op.limit, op.offset, ctx);
  if (!window.ok()) return window.status();
  return ExecOperatorPtr(std::make_unique<PrimaryScanExec>(
      ctx, collection.value(), fetch_slot, op.keyspace.FullName(), window.value(), start, end));
}

}  // namespace

Result<ExecOperatorPtr> MakePrimaryScan(const plan::PrimaryScan& op, ExecContext& ctx) {
  if (op.keyspace.is_system) return MakeSystemScan(op, ctx);
  return MakeScan(op, std::nullopt, ctx);
}

bool CanFusePrimaryScanFetch(const plan::PrimaryScan& scan, const plan::Fetch& fetch) {
  return !scan.keyspace.is_system && scan.keyspace == fetch.keyspace;
}

Result<ExecOperatorPtr> MakePrimaryScanFetch(const plan::PrimaryScan& scan, size_t slot,
                                             ExecContext& ctx) {
  return MakeScan(scan, slot, ctx);
}

Result<ExecOperatorPtr> MakePrimaryScanFetchPart(const plan::PrimaryScan& scan, size_t slot,
                                                 std::string start, std::string end,
                                                 ExecContext& ctx) {
  assert(!scan.limit && !scan.offset);
  return MakeScan(scan, slot, ctx, start, end);
}

}  // namespace casql::exec
