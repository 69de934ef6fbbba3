#include "executor/cas_write_back.h"

#include <algorithm>
#include <chrono>

#include "executor/dml_errors.h"
#include "executor/dml_options.h"

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

}  // namespace

CasWriteBack::CasWriteBack(ExecContext& ctx, std::shared_ptr<kv::Collection> collection,
                           std::string keyspace_name, size_t slot)
    : ctx_(ctx),
      collection_(std::move(collection)),
      keyspace_name_(std::move(keyspace_name)),
      slot_(slot) {}

Result<bool> CasWriteBack::WriteWithRetries(Row* row, const Reapply& reapply) {
  for (int attempt = 0;; ++attempt) {
    const bool last = attempt >= ctx_.settings().cas_retries || !reapply;
    const Outcome outcome = Write(row, /*report=*/last);
    if (outcome != Outcome::kCasMismatch || last) return outcome == Outcome::kWritten;
    auto again = reapply(row);
    if (!again.ok() || !*again) return again;
  }
}

CasWriteBack::Outcome CasWriteBack::Write(Row* row, bool report) {
  const ExecSettings& settings = ctx_.settings();
  const DocMeta& read = *row->Meta(slot_);
  kv::MutationOptions options = RequestMutationOptions(settings);
  options.cas = read.cas;
  options.flags = read.flags;
  // Couchbase clears a document's expiry on UPDATE unless the statement sets one or the
  // request asks to preserve it.
  if (row->expiration) {
    options.expiry = *row->expiration;
  } else {
    options.preserve_expiry = settings.preserve_expiry;
  }
  const auto& inject = settings.inject_cas_conflict;
  if (std::find(inject.begin(), inject.end(), row->key) != inject.end() &&
      injected_.insert(row->key).second) {
    collection_->ArmConflict(row->key);
  }
  const uint32_t opaque = ctx_.NextOpaque();
  auto written = collection_->Replace(row->key, kv::MakeJsonDoc(row->clone), options);
  if (written.ok()) {
    ctx_.AddMutation();
    auto meta = std::make_shared<DocMeta>(read);
    meta->cas = written->cas;
    if (row->expiration) {
      meta->expiration = AbsoluteExpiry(*row->expiration);
    } else if (!settings.preserve_expiry) {
      meta->expiration = 0;
    }
    row->BindMeta(slot_, std::move(meta));
    row->Bind(slot_, std::move(row->clone));
    return Outcome::kWritten;
  }
  DmlFailure failure{"UPDATE", "SET",    row->key, keyspace_name_, written.status().code(),
                     opaque,   read.cas, 0};
  const bool mismatch = failure.status == kv::KvStatus::kKeyEexists;
  if (!report && mismatch) return Outcome::kCasMismatch;
  if (mismatch) {
    auto current = collection_->Get(row->key);
    if (current.ok()) failure.actual_cas = current->cas;
  }
  ctx_.AddError(MakeDmlError(failure));
  return mismatch ? Outcome::kCasMismatch : Outcome::kFailed;
}

}  // namespace casql::exec
