#include <algorithm>

#include "executor/datastore.h"
#include "executor/dml_errors.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// Writes each clone back conditionally: a replace carrying the CAS read at Fetch and the
// document's original flags; expiry is cleared unless preserve_expiry. Nothing is locked
// between Fetch and this write, so a concurrent writer makes the replace fail with
// KEY_EEXISTS; that document gets its own 12009 error and the statement goes on with the
// others (Couchbase 7.6 behaviour).
class SendUpdateExec final : public UnaryExecOperator {
 public:
  SendUpdateExec(ExecContext& ctx, ExecOperatorPtr in, std::shared_ptr<kv::Collection> collection,
                 std::string keyspace_name)
      : UnaryExecOperator(ctx, std::move(in)),
        collection_(std::move(collection)),
        keyspace_name_(std::move(keyspace_name)) {}

  Result<bool> Next(Row* row) override {
    while (true) {
      auto more = input_->Next(row);
      if (!more.ok() || !*more) return more;
      if (Write(row)) return true;
    }
  }

 private:
  bool Write(Row* row) {
    const ExecSettings& settings = ctx_.settings();
    kv::MutationOptions options;
    options.cas = row->meta->cas;
    options.flags = row->meta->flags;
    options.preserve_expiry = settings.preserve_expiry;
    options.durability = settings.durability;
    options.timeout = settings.kv_timeout;
    const auto& inject = settings.inject_cas_conflict;
    if (std::find(inject.begin(), inject.end(), row->key) != inject.end()) {
      collection_->ArmConflict(row->key);
    }
    const uint32_t opaque = ctx_.NextOpaque();
    auto written = collection_->Replace(row->key, kv::MakeJsonDoc(row->clone), options);
    if (written.ok()) {
      ctx_.AddMutation();
      auto meta = std::make_shared<DocMeta>(*row->meta);
      meta->cas = written->cas;
      if (!settings.preserve_expiry) meta->expiration = 0;
      row->meta = std::move(meta);
      row->self = std::move(row->clone);
      return true;
    }
    DmlFailure failure{"UPDATE", "SET",          row->key, keyspace_name_, written.status().code(),
                       opaque,   row->meta->cas, 0};
    if (failure.status == kv::KvStatus::kKeyEexists) {
      auto current = collection_->Get(row->key);
      if (current.ok()) failure.actual_cas = current->cas;
    }
    ctx_.AddError(MakeDmlError(failure));
    return false;
  }

  std::shared_ptr<kv::Collection> collection_;
  std::string keyspace_name_;
};

}  // namespace

Result<ExecOperatorPtr> MakeSendUpdate(const plan::SendUpdate& op, ExecContext& ctx,
                                       ExecOperatorPtr in) {
  auto collection = ctx.datastore().Collection(op.keyspace);
  if (!collection.ok()) return collection.status();
  return ExecOperatorPtr(std::make_unique<SendUpdateExec>(ctx, std::move(in), collection.value(),
                                                          op.keyspace.FullName()));
}

}  // namespace casql::exec
