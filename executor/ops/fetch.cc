#include "executor/datastore.h"
#include "executor/ops/document_reader.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// Reads each key's document with its META. Keys whose document is gone (deleted after the
// scan, or expired) are dropped silently, as Couchbase's Fetch drops them.
class FetchExec final : public UnaryExecOperator {
 public:
  FetchExec(ExecContext& ctx, ExecOperatorPtr in, std::shared_ptr<kv::Collection> collection,
            std::string keyspace_name, size_t slot)
      : UnaryExecOperator(ctx, std::move(in)),
        collection_(std::move(collection)),
        keyspace_name_(std::move(keyspace_name)),
        slot_(slot) {}

  Result<bool> Next(Row* row) override {
    while (true) {
      auto more = input_->Next(row);
      if (!more.ok() || !*more) return more;
      auto got = collection_->Get(row->key);
      if (!got.ok()) {
        if (got.status().code() == kv::KvStatus::kKeyEnoent) continue;
        return Status(ErrorCode::kInternal,
                      "Fetch of key " + row->key + " failed: " + got.status().message());
      }
      row->Bind(slot_, DocumentValue(*got));
      row->BindMeta(slot_, MakeDocMeta(row->key, *got, keyspace_name_));
      return true;
    }
  }

 private:
  std::shared_ptr<kv::Collection> collection_;
  std::string keyspace_name_;
  size_t slot_;
};

}  // namespace

Result<ExecOperatorPtr> MakeFetch(const plan::Fetch& op, size_t slot, ExecContext& ctx,
                                  ExecOperatorPtr in) {
  if (op.keyspace.is_system) return MakeSystemFetch(op, slot, ctx, std::move(in));
  auto collection = ctx.datastore().Collection(op.keyspace);
  if (!collection.ok()) return collection.status();
  return ExecOperatorPtr(std::make_unique<FetchExec>(ctx, std::move(in), collection.value(),
                                                     op.keyspace.FullName(), slot));
}

}  // namespace casql::exec
