#include "executor/cas_write_back.h"
#include "executor/datastore.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// Writes each clone back conditionally (see CasWriteBack). With cas_retries, `replay` is a
// second copy of the statement's per-document operators behind `feed`: a document that lost
// a CAS race is fed to it to be read again, filtered again (it may no longer qualify) and
// updated again.
class SendUpdateExec final : public UnaryExecOperator {
 public:
  SendUpdateExec(ExecContext& ctx, ExecOperatorPtr in, std::shared_ptr<kv::Collection> collection,
                 std::string keyspace_name, size_t slot, ExecOperatorPtr replay, KeyFeed* feed)
      : UnaryExecOperator(ctx, std::move(in)),
        write_back_(ctx, std::move(collection), std::move(keyspace_name), slot),
        replay_(std::move(replay)),
        feed_(feed) {}

  Result<bool> Next(Row* row) override {
    const CasWriteBack::Reapply reapply =
        replay_ ? CasWriteBack::Reapply([this](Row* r) { return Replay(r); }) : nullptr;
    while (true) {
      auto more = input_->Next(row);
      if (!more.ok() || !*more) return more;
      auto written = write_back_.WriteWithRetries(row, reapply);
      if (!written.ok() || *written) return written;
    }
  }

 private:
  Result<bool> Replay(Row* row) {
    feed_->Feed(row->key);
    auto again = replay_->Next(row);
    if (!again.ok() || !*again) return again;
    // Drain the replay so its source is empty for the next key.
    Row rest;
    while (true) {
      auto more = replay_->Next(&rest);
      if (!more.ok()) return more.status();
      if (!*more) return true;
    }
  }

  CasWriteBack write_back_;
  ExecOperatorPtr replay_;
  KeyFeed* feed_;
};

}  // namespace

Result<ExecOperatorPtr> MakeSendUpdate(const plan::SendUpdate& op, size_t slot, ExecContext& ctx,
                                       ExecOperatorPtr in, ExecOperatorPtr replay, KeyFeed* feed) {
  auto collection = ctx.datastore().Collection(op.keyspace);
  if (!collection.ok()) return collection.status();
  return ExecOperatorPtr(std::make_unique<SendUpdateExec>(ctx, std::move(in), collection.value(),
                                                          op.keyspace.FullName(), slot,
                                                          std::move(replay), feed));
}

}  // namespace casql::exec
