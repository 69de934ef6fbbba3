#include "executor/ops/ops.h"
#include "executor/system_keyspaces.h"

namespace casql::exec {

namespace {

// Fetch from a system keyspace: the documents are built once, when the first key arrives;
// a key whose document has gone meanwhile is dropped, as Fetch drops deleted documents.
class SystemFetchExec final : public UnaryExecOperator {
 public:
  SystemFetchExec(ExecContext& ctx, ExecOperatorPtr in, plan::KeyspacePath keyspace, size_t slot)
      : UnaryExecOperator(ctx, std::move(in)), keyspace_(std::move(keyspace)), slot_(slot) {}

  Result<bool> Next(Row* row) override {
    while (true) {
      auto more = input_->Next(row);
      if (!more.ok() || !*more) return more;
      if (!built_) {
        built_ = true;
        docs_ = SystemDocuments(ctx_.datastore(), keyspace_.bucket);
      }
      auto it = docs_.find(row->key);
      if (it == docs_.end()) continue;
      auto meta = std::make_shared<DocMeta>();
      meta->id = row->key;
      meta->keyspace = keyspace_.FullName();
      row->Bind(slot_, it->second);
      row->BindMeta(slot_, std::move(meta));
      return true;
    }
  }

 private:
  plan::KeyspacePath keyspace_;
  size_t slot_;
  bool built_ = false;
  std::map<std::string, Value> docs_;
};

}  // namespace

Result<ExecOperatorPtr> MakeSystemFetch(const plan::Fetch& op, size_t slot, ExecContext& ctx,
                                        ExecOperatorPtr in) {
  return ExecOperatorPtr(std::make_unique<SystemFetchExec>(ctx, std::move(in), op.keyspace, slot));
}

}  // namespace casql::exec
