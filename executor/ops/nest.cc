#include "executor/ops/document_reader.h"
#include "executor/ops/ops.h"

namespace casql::exec {

namespace {

// Lookup NEST ... ON KEYS: binds the alias to the array of the documents found under the
// row's keys. No document found drops the row, or with LEFT keeps it with the alias MISSING.
class NestExec final : public UnaryExecOperator {
 public:
  NestExec(ExecContext& ctx, ExecOperatorPtr in, EvaluatorPtr keys, DocumentReader reader,
           size_t slot, bool outer)
      : UnaryExecOperator(ctx, std::move(in)),
        keys_(std::move(keys)),
        reader_(std::move(reader)),
        slot_(slot),
        outer_(outer) {}

  Result<bool> Next(Row* row) override {
    while (true) {
      auto more = input_->Next(row);
      if (!more.ok() || !*more) return more;
      Array docs;
      for (const auto& key : KeyList(keys_->Eval(*row, ctx_))) {
        auto doc = reader_.Read(key);
        if (!doc.ok()) return doc.status();
        if (doc->found) docs.push_back(std::move(doc->value));
      }
      if (docs.empty()) {
        if (!outer_) continue;
        row->Bind(slot_, Value());
        return true;
      }
      row->Bind(slot_, Value(std::move(docs)));
      return true;
    }
  }

 private:
  EvaluatorPtr keys_;
  DocumentReader reader_;
  size_t slot_;
  bool outer_;
};

}  // namespace

Result<ExecOperatorPtr> MakeNest(const plan::Nest& op, CompileScope* scope, ExecContext& ctx,
                                 ExecOperatorPtr in) {
  auto keys = CompileInScope(op.on_keys, *scope);
  if (!keys.ok()) return keys.status();
  auto reader = DocumentReader::Open(op.keyspace, ctx);
  if (!reader.ok()) return reader.status();
  // A nest alias holds an array of documents, not one document: it has no META.
  const size_t slot = scope->Add(op.alias, /*keyspace=*/true);
  return ExecOperatorPtr(std::make_unique<NestExec>(ctx, std::move(in), std::move(keys.value()),
                                                    std::move(reader.value()), slot, op.outer));
}

}  // namespace casql::exec
