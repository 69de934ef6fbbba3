#include <algorithm>
#include <chrono>
#include <set>

#include "executor/datastore.h"
#include "executor/dml_errors.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// KV's expiry rule, as RETURNING META().expiration reports it: up to 30 days the value is
// relative seconds, above that an absolute Unix time.
uint32_t AbsoluteExpiry(uint32_t expiry) {
  constexpr uint32_t kThirtyDays = 30 * 24 * 3600;
  if (expiry == 0 || expiry > kThirtyDays) return expiry;
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return static_cast<uint32_t>(now.count()) + expiry;
}

// Writes each clone back conditionally: a replace carrying the CAS read at Fetch and the
// document's original flags; expiry is cleared unless preserve_expiry. Nothing is locked
// between Fetch and this write, so a concurrent writer makes the replace fail with
// KEY_EEXISTS; that document gets its own 12009 error and the statement goes on with the
// others (Couchbase 7.6 behaviour).
class SendUpdateExec final : public UnaryExecOperator {
 public:
  SendUpdateExec(ExecContext& ctx, ExecOperatorPtr in, std::shared_ptr<kv::Collection> collection,
                 std::string keyspace_name, size_t slot, ExecOperatorPtr replay, KeyFeed* feed)
      : UnaryExecOperator(ctx, std::move(in)),
        collection_(std::move(collection)),
        keyspace_name_(std::move(keyspace_name)),
        slot_(slot),
        replay_(std::move(replay)),
        feed_(feed) {}

  Result<bool> Next(Row* row) override {
    while (true) {
      auto more = input_->Next(row);
      if (!more.ok() || !*more) return more;
      auto written = WriteWithRetries(row);
      if (!written.ok() || *written) return written;
    }
  }

 private:
  // With cas_retries (a casql extension), a document whose write lost a CAS race is read
  // again, filtered again (it may no longer qualify) and updated again, up to that many
  // times, so the statement behaves as if it had run alone on the document. Returns whether
  // the row was written (false: failed with an error recorded, or no longer qualifies).
  Result<bool> WriteWithRetries(Row* row) {
    for (int attempt = 0;; ++attempt) {
      const bool last = attempt >= ctx_.settings().cas_retries || !replay_;
      const WriteOutcome outcome = Write(row, /*report=*/last);
      if (outcome != WriteOutcome::kCasMismatch || last) return outcome == WriteOutcome::kWritten;
      feed_->Feed(row->key);
      auto again = replay_->Next(row);
      if (!again.ok()) return again.status();
      if (!*again) return false;
      // Drain the replay so its source is empty for the next key.
      Row rest;
      while (true) {
        auto more = replay_->Next(&rest);
        if (!more.ok()) return more.status();
        if (!*more) break;
      }
    }
  }

  enum class WriteOutcome { kWritten, kCasMismatch, kFailed };

  WriteOutcome Write(Row* row, bool report) {
    const ExecSettings& settings = ctx_.settings();
    const DocMeta& read = *row->Meta(slot_);
    kv::MutationOptions options;
    options.cas = read.cas;
    options.flags = read.flags;
    // Couchbase clears a document's expiry on UPDATE unless the statement sets one or the
    // request asks to preserve it.
    if (row->expiration) {
      options.expiry = *row->expiration;
    } else {
      options.preserve_expiry = settings.preserve_expiry;
    }
    options.durability = settings.durability;
    options.timeout = settings.kv_timeout;
    // Injection fires once per key per statement, so a retry sees an undisturbed document.
    const auto& inject = settings.inject_cas_conflict;
    if (std::find(inject.begin(), inject.end(), row->key) != inject.end() &&
        injected_.insert(row->key).second) {
      collection_->ArmConflict(row->key);
    }
    const uint32_t opaque = ctx_.NextOpaque();
    auto written = collection_->Replace(row->key, kv::MakeJsonDoc(row->clone), options);
    if (written.ok()) {
      ctx_.AddMutation();
      // RETURNING sees the new version and its new CAS.
      auto meta = std::make_shared<DocMeta>(read);
      meta->cas = written->cas;
      if (row->expiration) {
        meta->expiration = AbsoluteExpiry(*row->expiration);
      } else if (!settings.preserve_expiry) {
        meta->expiration = 0;
      }
      row->BindMeta(slot_, std::move(meta));
      row->Bind(slot_, std::move(row->clone));
      return WriteOutcome::kWritten;
    }
    DmlFailure failure{"UPDATE", "SET",    row->key, keyspace_name_, written.status().code(),
                       opaque,   read.cas, 0};
    const bool mismatch = failure.status == kv::KvStatus::kKeyEexists;
    if (!report && mismatch) return WriteOutcome::kCasMismatch;
    if (mismatch) {
      auto current = collection_->Get(row->key);
      if (current.ok()) failure.actual_cas = current->cas;
    }
    ctx_.AddError(MakeDmlError(failure));
    return mismatch ? WriteOutcome::kCasMismatch : WriteOutcome::kFailed;
  }

  std::shared_ptr<kv::Collection> collection_;
  std::string keyspace_name_;
  size_t slot_;
  ExecOperatorPtr replay_;
  KeyFeed* feed_;
  std::set<std::string> injected_;
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
