#include "executor/datastore.h"
#include "executor/dml_errors.h"
#include "executor/dml_options.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// DELETE removes without a CAS check, as Couchbase does; a document already gone is skipped
// silently (not counted, no error).
class SendDeleteExec final : public UnaryExecOperator {
 public:
  SendDeleteExec(ExecContext& ctx, ExecOperatorPtr in, std::shared_ptr<kv::Collection> collection)
      : UnaryExecOperator(ctx, std::move(in)), collection_(std::move(collection)) {}

  Result<bool> Next(Row* row) override {
    while (true) {
      auto more = input_->Next(row);
      if (!more.ok() || !*more) return more;
      auto removed = collection_->Remove(row->key, RequestMutationOptions(ctx_.settings()));
      if (removed.ok()) {
        ctx_.AddMutation();
        return true;
      }
      if (removed.status().code() == kv::KvStatus::kKeyEnoent) continue;
      ctx_.AddError(MakeDeleteError(row->key, removed.status().code()));
    }
  }

 private:
  std::shared_ptr<kv::Collection> collection_;
};

}  // namespace

Result<ExecOperatorPtr> MakeSendDelete(const plan::SendDelete& op, ExecContext& ctx,
                                       ExecOperatorPtr in) {
  auto collection = ctx.datastore().Collection(op.keyspace);
  if (!collection.ok()) return collection.status();
  return ExecOperatorPtr(std::make_unique<SendDeleteExec>(ctx, std::move(in), collection.value()));
}

}  // namespace casql::exec
