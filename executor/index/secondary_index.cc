#include "executor/index/secondary_index.h"

#include <algorithm>
#include <mutex>

#include "executor/canonical_key.h"
#include "executor/expr/truth.h"
#include "value/collation.h"

namespace casql::exec {

bool SecondaryIndex::EntryLess::operator()(const IndexEntry& a, const IndexEntry& b) const {
  const size_t n = std::min(a.keys.size(), b.keys.size());
  for (size_t i = 0; i < n; ++i) {
    const int c = Collate(a.keys[i], b.keys[i]);
    if (c != 0) return c < 0;
  }
  if (a.keys.size() != b.keys.size()) return a.keys.size() < b.keys.size();
  return a.id < b.id;
}

SecondaryIndex::SecondaryIndex(plan::IndexInfo info, std::shared_ptr<kv::Collection> collection)
    : info_(std::move(info)), collection_(std::move(collection)), eval_ctx_(nullptr, {}) {}

SecondaryIndex::~SecondaryIndex() {
  if (listening_) collection_->RemoveMutationListener(listener_);
}

Status SecondaryIndex::Compile() {
  CompileScope scope;
  scope.Add(info_.alias, /*keyspace=*/true);
  for (const auto& key : info_.keys) {
    auto eval = exec::Compile(key, scope);
    if (!eval.ok()) return eval.status();
    keys_.push_back(std::move(eval.value()));
  }
  array_leading_ = info_.keys.front()->kind == ast::ExprKind::kArrayFor;
  if (info_.where) {
    auto eval = exec::Compile(info_.where, scope);
    if (!eval.ok()) return eval.status();
    where_ = std::move(eval.value());
  }
  return Status::OK();
}

Result<std::shared_ptr<SecondaryIndex>> SecondaryIndex::Build(
    plan::IndexInfo info, std::shared_ptr<kv::Collection> collection) {
  std::shared_ptr<SecondaryIndex> index(new SecondaryIndex(std::move(info), std::move(collection)));
  CASQL_RETURN_IF_ERROR(index->Compile());
  SecondaryIndex* self = index.get();
  index->listener_ = index->collection_->AddMutationListener([self](const kv::MutationEvent& e) {
    self->Apply(e.key, e.seqno, e.deleted ? nullptr : e.doc);
  });
  index->listening_ = true;
  index->LoadExisting();
  std::unique_lock lock(index->mu_);
  index->building_ = false;
  for (auto it = index->docs_.begin(); it != index->docs_.end();) {
    it = it->second.entries.empty() ? index->docs_.erase(it) : std::next(it);
  }
  return index;
}

std::vector<std::vector<Value>> SecondaryIndex::KeysOf(std::string_view id, const kv::DocPtr& doc,
                                                       ExecContext& ctx) const {
  std::vector<std::vector<Value>> out;
  if (!doc || !doc->is_json) return out;
  Row row;
  row.Bind(0, doc->json());
  auto meta = std::make_shared<DocMeta>();
  meta->id = std::string(id);
  row.BindMeta(0, std::move(meta));
  if (where_ && !Truthy(where_->Eval(row, ctx))) return out;
  std::vector<Value> tuple;
  for (const auto& key : keys_) tuple.push_back(key->Eval(row, ctx));
  if (!array_leading_) {
    if (!tuple.front().IsMissing()) out.push_back(std::move(tuple));
    return out;
  }
  if (!tuple.front().IsArray()) return out;
  std::vector<std::string> seen;
  for (const Value& element : tuple.front().AsArray()) {
    if (element.IsMissing()) continue;
    std::string canonical = CanonicalKey(element);
    if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) continue;
    seen.push_back(std::move(canonical));
    std::vector<Value> entry = tuple;
    entry.front() = element;
    out.push_back(std::move(entry));
  }
  return out;
}

void SecondaryIndex::Apply(std::string_view id, uint64_t seqno, const kv::DocPtr& doc) {
  std::vector<std::vector<Value>> keys = KeysOf(id, doc, eval_ctx_);
  std::unique_lock lock(mu_);
  ApplyLocked(id, seqno, std::move(keys));
}

void SecondaryIndex::ApplyLocked(std::string_view id, uint64_t seqno,
                                 std::vector<std::vector<Value>> keys) {
  auto [it, inserted] = docs_.try_emplace(std::string(id));
  DocState& state = it->second;
  if (!inserted && state.seqno > seqno) return;
  for (auto& old : state.entries) entries_.erase(IndexEntry{std::move(old), it->first});
  state.seqno = seqno;
  state.entries.clear();
  for (const auto& k : keys) entries_.insert(IndexEntry{k, it->first});
  state.entries = std::move(keys);
  if (state.entries.empty() && !building_) docs_.erase(it);
}

size_t SecondaryIndex::EntryCount() const {
  std::shared_lock lock(mu_);
  return entries_.size();
}

std::vector<IndexEntry> SecondaryIndex::Scan(const IndexBound& low, const IndexBound& high,
                                             uint64_t max_entries) const {
  std::vector<IndexEntry> out;
  std::shared_lock lock(mu_);
  auto it = entries_.begin();
  if (!low.open) it = entries_.lower_bound(IndexEntry{{low.value}, ""});
  for (; it != entries_.end() && out.size() < max_entries; ++it) {
    const Value& lead = it->keys.front();
    if (!low.open && !low.inclusive && Collate(lead, low.value) == 0) continue;
    if (!high.open) {
      const int c = Collate(lead, high.value);
      if (c > 0 || (c == 0 && !high.inclusive)) break;
    }
    out.push_back(*it);
  }
  return out;
}

}  // namespace casql::exec
