#include <algorithm>
#include <unordered_set>

#include "executor/datastore.h"
#include "executor/ops/ops.h"
#include "executor/ops/scan_window.h"

namespace casql::exec {

namespace {

// The partial document a covering scan binds: each index key `alias.a.b` set at its path.
void SetPath(Object* doc, const std::vector<std::string>& path, size_t at, const Value& v) {
  if (at + 1 == path.size()) {
    if (!v.IsMissing()) doc->Set(path[at], v);
    return;
  }
  Value* inner = doc->FindMutable(path[at]);
  if (!inner || !inner->IsObject()) {
    doc->Set(path[at], Value(Object()));
    inner = doc->FindMutable(path[at]);
  }
  SetPath(&inner->MutableObject(), path, at + 1, v);
}

// Scans the index's spans on the first Next() (bounds evaluated against the seed row, so
// query parameters and the outer row of a join apply) and yields the document keys in
// index order, each key once. A covering scan also binds the rebuilt partial document and
// its META().id. A pushed OFFSET/LIMIT window stops the scan once it has the entries the
// window reaches.
class IndexScanExec final : public ExecOperator {
 public:
  struct Span {
    EvaluatorPtr low, high;
    bool low_inclusive, high_inclusive;
  };
  IndexScanExec(ExecContext& ctx, std::shared_ptr<const SecondaryIndex> index,
                std::vector<Span> spans, SeedPtr seed, std::optional<size_t> cover_slot,
                std::vector<std::vector<std::string>> key_paths, std::string keyspace_name,
                ScanWindow window)
      : ExecOperator(ctx),
        index_(std::move(index)),
        spans_(std::move(spans)),
        seed_(std::move(seed)),
        cover_slot_(cover_slot),
        key_paths_(std::move(key_paths)),
        keyspace_name_(std::move(keyspace_name)),
        window_(window) {}

  Result<bool> Next(Row* row) override {
    if (!started_) {
      started_ = true;
      Collect();
      next_ = static_cast<size_t>(std::min<uint64_t>(window_.skip, entries_.size()));
    }
    if (next_ >= entries_.size()) return false;
    IndexEntry& entry = entries_[next_++];
    *row = Row();
    row->key = entry.id;
    if (cover_slot_) {
      Object doc;
      for (size_t i = 0; i < key_paths_.size() && i < entry.keys.size(); ++i) {
        SetPath(&doc, key_paths_[i], 0, entry.keys[i]);
      }
      auto meta = std::make_shared<DocMeta>();
      meta->id = std::move(entry.id);
      meta->keyspace = keyspace_name_;
      row->Bind(*cover_slot_, Value(std::move(doc)));
      row->BindMeta(*cover_slot_, std::move(meta));
    }
    return true;
  }

 private:
  void Collect() {
    const Row empty{};
    const Row& base = seed_ ? *seed_ : empty;
    std::unordered_set<std::string> seen;
    const uint64_t reach = window_.Reach();
    for (const auto& span : spans_) {
      if (entries_.size() >= reach) break;
      IndexBound low, high;
      if (span.low) {
        low = IndexBound{span.low->Eval(base, ctx_), span.low_inclusive, false};
        if (low.value.IsMissing()) continue;
      }
      if (span.high) {
        high = IndexBound{span.high->Eval(base, ctx_), span.high_inclusive, false};
        if (high.value.IsMissing()) continue;
      }
      // `reach` entries of one span are enough even when every entry already taken comes
      // again: the planner pushes a window only over a non-array index, where a document has
      // one entry per span.
      for (auto& entry : index_->Scan(low, high, reach)) {
        if (entries_.size() >= reach) break;
        if (seen.insert(entry.id).second) entries_.push_back(std::move(entry));
      }
    }
  }

  std::shared_ptr<const SecondaryIndex> index_;
  std::vector<Span> spans_;
  SeedPtr seed_;
  std::optional<size_t> cover_slot_;
  std::vector<std::vector<std::string>> key_paths_;
  std::string keyspace_name_;
  ScanWindow window_;
  bool started_ = false;
  std::vector<IndexEntry> entries_;
  size_t next_ = 0;
};

// `alias.a.b` -> {"a", "b"}.
std::vector<std::string> FieldPath(const ast::ExprPtr& e) {
  std::vector<std::string> path;
  for (const ast::Expr* p = e.get(); p->kind == ast::ExprKind::kField; p = p->args[0].get()) {
    path.insert(path.begin(), p->name);
  }
  return path;
}

}  // namespace

Result<ExecOperatorPtr> MakeIndexScan(const plan::IndexScan& op, CompileScope* scope, SeedPtr seed,
                                      ExecContext& ctx) {
  auto index = ctx.datastore().FindIndex(op.keyspace, op.index.name);
  if (!index) {
    return Status(
        ErrorCode::kIndexNotFound,
        FormatError(ErrorCode::kIndexNotFound, {"GSI index " + op.index.name + " not found."}));
  }
  std::vector<IndexScanExec::Span> spans;
  for (const auto& range : op.spans) {
    IndexScanExec::Span span{nullptr, nullptr, range.low_inclusive, range.high_inclusive};
    if (range.low) {
      auto low = CompileInScope(range.low, *scope);
      if (!low.ok()) return low.status();
      span.low = std::move(low.value());
    }
    if (range.high) {
      auto high = CompileInScope(range.high, *scope);
      if (!high.ok()) return high.status();
      span.high = std::move(high.value());
    }
    spans.push_back(std::move(span));
  }
  std::optional<size_t> cover_slot;
  std::vector<std::vector<std::string>> key_paths;
  if (op.covering) {
    cover_slot = BindKeyspaceAlias(scope, op.alias);
    for (const auto& key : op.index.keys) key_paths.push_back(FieldPath(key));
  }
  auto window = ScanWindow::Of(op.limit, op.offset, ctx);
  if (!window.ok()) return window.status();
  return ExecOperatorPtr(std::make_unique<IndexScanExec>(
      ctx, std::move(index), std::move(spans), std::move(seed), cover_slot, std::move(key_paths),
      op.keyspace.FullName(), window.value()));
}

}  // namespace casql::exec
