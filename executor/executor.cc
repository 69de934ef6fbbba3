#include "executor/executor.h"

#include <algorithm>

#include "executor/datastore.h"
#include "executor/ops/ops.h"
#include "planner/ops/parallel.h"
#include "planner/ops/sequence.h"

namespace casql::exec {

namespace {

// What the builder carries while walking the plan: the names in scope with their row slots
// (keyspace aliases join as Fetch/SendInsert bind them), the slot of the document being
// mutated, and the per-document operators seen since the scan, which the CAS retry of
// SendUpdate replays for one key.
struct BuildState {
  CompileScope scope;
  size_t target_slot = 0;
  std::vector<const plan::Operator*> per_document;
};

Result<ExecOperatorPtr> Build(const plan::Operator& op, ExecOperatorPtr input, BuildState* state,
                              ExecContext& ctx);

// A second copy of the per-document operators behind a KeyFeed: SendUpdate feeds it a key to
// re-read and re-apply the statement to that document. It compiles in the same scope, so
// its rows have the same slot layout.
Result<ExecOperatorPtr> BuildReplay(const BuildState& state, KeyFeed** feed, ExecContext& ctx) {
  auto source = std::make_unique<KeyFeed>(ctx);
  *feed = source.get();
  ExecOperatorPtr pipeline = std::move(source);
  BuildState replay_state;
  replay_state.scope = state.scope;
  for (const plan::Operator* op : state.per_document) {
    auto built = Build(*op, std::move(pipeline), &replay_state, ctx);
    if (!built.ok()) return built;
    pipeline = std::move(built.value());
  }
  return pipeline;
}

bool IsPerDocument(plan::OpKind kind) {
  using plan::OpKind;
  return kind == OpKind::kFetch || kind == OpKind::kFilter || kind == OpKind::kClone ||
         kind == OpKind::kSet || kind == OpKind::kUnset;
}

// The slot of a keyspace alias, adding it to the scope the first time it is bound.
size_t BindAlias(CompileScope* scope, const std::string& alias) {
  const int slot = scope->Find(alias);
  if (slot >= 0 && scope->names[static_cast<size_t>(slot)].keyspace) {
    return static_cast<size_t>(slot);
  }
  return scope->Add(alias, /*keyspace=*/true);
}

// Builds the running pipeline of `op` on top of `input` (null for a source).
Result<ExecOperatorPtr> Build(const plan::Operator& op, ExecOperatorPtr input, BuildState* state,
                              ExecContext& ctx) {
  using plan::OpKind;
  if (IsPerDocument(op.kind())) state->per_document.push_back(&op);
  const CompileScope& scope = state->scope;
  switch (op.kind()) {
    case OpKind::kSequence: {
      for (const auto& child : op.As<plan::Sequence>().children) {
        auto built = Build(*child, std::move(input), state, ctx);
        if (!built.ok()) return built;
        input = std::move(built.value());
      }
      return input;
    }
    case OpKind::kParallel:
      return Build(*op.As<plan::Parallel>().child, std::move(input), state, ctx);
    case OpKind::kDummyScan:
      return MakeDummyScan(ctx);
    case OpKind::kKeyScan:
      return MakeKeyScan(op.As<plan::KeyScan>(), ctx);
    case OpKind::kPrimaryScan:
      return MakePrimaryScan(op.As<plan::PrimaryScan>(), ctx);
    case OpKind::kValueScan:
      return MakeValueScan(op.As<plan::ValueScan>(), ctx);
    case OpKind::kFetch:
      state->target_slot = BindAlias(&state->scope, op.As<plan::Fetch>().alias);
      return MakeFetch(op.As<plan::Fetch>(), state->target_slot, ctx, std::move(input));
    case OpKind::kFilter:
      return MakeFilter(op.As<plan::Filter>(), scope, ctx, std::move(input));
    case OpKind::kInitialProject:
      return MakeInitialProject(op.As<plan::InitialProject>(), scope, ctx, std::move(input));
    case OpKind::kOrder:
      return MakeOrder(op.As<plan::Order>(), scope, ctx, std::move(input));
    case OpKind::kOffset:
      return MakeOffset(op.As<plan::Offset>(), ctx, std::move(input));
    case OpKind::kLimit:
      return MakeLimit(op.As<plan::Limit>(), ctx, std::move(input));
    case OpKind::kClone:
      return MakeClone(state->target_slot, ctx, std::move(input));
    case OpKind::kSet:
      return MakeSet(op.As<plan::Set>(), scope, state->target_slot, ctx, std::move(input));
    case OpKind::kUnset:
      return MakeUnset(op.As<plan::Unset>(), scope, state->target_slot, ctx, std::move(input));
    case OpKind::kSendUpdate: {
      const auto& send = op.As<plan::SendUpdate>();
      if (ctx.settings().cas_retries == 0) {
        return MakeSendUpdate(send, state->target_slot, ctx, std::move(input), nullptr, nullptr);
      }
      KeyFeed* feed = nullptr;
      auto replay = BuildReplay(*state, &feed, ctx);
      if (!replay.ok()) return replay;
      return MakeSendUpdate(send, state->target_slot, ctx, std::move(input),
                            std::move(replay.value()), feed);
    }
    case OpKind::kSendInsert: {
      const auto& send = op.As<plan::SendInsert>();
      const size_t source = state->scope.Add(plan::kInsertSourceAlias);
      const CompileScope source_scope = state->scope;
      state->target_slot = BindAlias(&state->scope, send.alias);
      return MakeSendInsert(send, state->target_slot, source_scope, source, ctx, std::move(input));
    }
    case OpKind::kMerge: {
      const auto& merge = op.As<plan::Merge>();
      const size_t source = merge.source_is_subquery ? state->scope.Add(merge.source_alias)
                                                     : BindAlias(&state->scope, merge.source_alias);
      state->target_slot = BindAlias(&state->scope, merge.alias);
      return MakeMerge(merge, state->scope, source, state->target_slot, ctx, std::move(input));
    }
    case OpKind::kSendDelete:
      return MakeSendDelete(op.As<plan::SendDelete>(), ctx, std::move(input));
    case OpKind::kKeyspaceDdl:
    case OpKind::kCreatePrimaryIndex:
      break;
  }
  return Status(ErrorCode::kInternal,
                std::string("Operator ") + op.Name() + " cannot run inside a pipeline");
}

Status KvDdlStatus(const kv::Status& status, const std::string& what) {
  if (status.ok()) return Status::OK();
  return Status(ErrorCode::kInternal, what + ": " + status.message());
}

Status RunKeyspaceDdl(const ast::KeyspaceDdlStatement& ddl, Datastore& store) {
  using Action = ast::KeyspaceDdlStatement::Action;
  const auto& p = ddl.path;
  kv::Engine& engine = store.engine();
  auto exists = [](const kv::Status& s) { return s.code() == kv::KvStatus::kKeyEexists; };
  auto missing = [](const kv::Status& s) {
    return s.code() == kv::KvStatus::kNoBucket || s.code() == kv::KvStatus::kUnknownScope ||
           s.code() == kv::KvStatus::kUnknownCollection;
  };
  kv::Status status;
  std::string what;
  switch (ddl.action) {
    case Action::kCreateBucket:
      status = engine.CreateBucket(p[0]);
      what = "Cannot create bucket " + p[0];
      if (exists(status) && ddl.if_not_exists) return Status::OK();
      break;
    case Action::kDropBucket:
      status = engine.DropBucket(p[0]);
      what = "Cannot drop bucket " + p[0];
      if (missing(status) && ddl.if_exists) return Status::OK();
      if (status.ok()) return store.ForgetIndexes(p[0]);
      break;
    case Action::kCreateScope:
      status = engine.CreateScope(p[0], p[1]);
      what = "Cannot create scope " + p[0] + "." + p[1];
      if (exists(status) && ddl.if_not_exists) return Status::OK();
      break;
    case Action::kDropScope:
      status = engine.DropScope(p[0], p[1]);
      what = "Cannot drop scope " + p[0] + "." + p[1];
      if (missing(status) && ddl.if_exists) return Status::OK();
      if (status.ok()) return store.ForgetIndexes(p[0], p[1]);
      break;
    case Action::kCreateCollection:
      status = engine.CreateCollection(p[0], p[1], p[2]);
      what = "Cannot create collection " + p[0] + "." + p[1] + "." + p[2];
      if (exists(status) && ddl.if_not_exists) return Status::OK();
      break;
    case Action::kDropCollection:
      status = engine.DropCollection(p[0], p[1], p[2]);
      what = "Cannot drop collection " + p[0] + "." + p[1] + "." + p[2];
      if (missing(status) && ddl.if_exists) return Status::OK();
      if (status.ok()) return store.ForgetIndexes(p[0], p[1], p[2]);
      break;
  }
  return KvDdlStatus(status, what);
}

Value SortKeysDeep(const Value& v) {
  if (v.IsArray()) {
    Array out;
    for (const Value& e : v.AsArray()) out.push_back(SortKeysDeep(e));
    return Value(std::move(out));
  }
  if (!v.IsObject()) return v;
  std::vector<const Object::Entry*> entries;
  for (const auto& e : v.AsObject()) entries.push_back(&e);
  std::sort(entries.begin(), entries.end(), [](auto* a, auto* b) { return a->first < b->first; });
  Object out;
  for (const auto* e : entries) out.Set(e->first, SortKeysDeep(e->second));
  return Value(std::move(out));
}

}  // namespace

Value ExplainDocument(const plan::Operator& root, const std::string& text) {
  return Value(Object{{"plan", SortKeysDeep(root.Explain())}, {"text", Value(text)}});
}

Runnable::Runnable(const plan::PlannedStatement& plan, std::string explain_text, ExecContext& ctx)
    : plan_(plan), explain_text_(std::move(explain_text)), ctx_(ctx) {}

Runnable::~Runnable() = default;

Result<std::unique_ptr<Runnable>> Prepare(const plan::PlannedStatement& plan,
                                          std::string explain_text, ExecContext& ctx) {
  auto runnable = std::make_unique<Runnable>(plan, std::move(explain_text), ctx);
  const plan::OpKind kind = plan.root->kind();
  if (!plan.is_explain && kind != plan::OpKind::kKeyspaceDdl &&
      kind != plan::OpKind::kCreatePrimaryIndex) {
    BuildState state;
    auto pipeline = Build(*plan.root, nullptr, &state, ctx);
    if (!pipeline.ok()) return pipeline.status();
    runnable->pipeline_ = std::move(pipeline.value());
  }
  return runnable;
}

Status Runnable::Run(RowSink& sink) {
  if (plan_.is_explain) {
    sink.Write(ExplainDocument(*plan_.root, explain_text_));
    return Status::OK();
  }
  if (plan_.root->kind() == plan::OpKind::kKeyspaceDdl) {
    return RunKeyspaceDdl(plan_.root->As<plan::KeyspaceDdl>().statement, ctx_.datastore());
  }
  if (plan_.root->kind() == plan::OpKind::kCreatePrimaryIndex) {
    const auto& op = plan_.root->As<plan::CreatePrimaryIndex>();
    return ctx_.datastore().CreatePrimaryIndex(op.keyspace, op.name, op.if_not_exists);
  }
  // Mutations without RETURNING produce rows internally (the pipeline's output) but the
  // client receives none.
  const bool emit = !plan_.signature.IsNull();
  Row row;
  while (true) {
    CASQL_RETURN_IF_ERROR(ctx_.CheckInterrupt());
    auto more = pipeline_->Next(&row);
    if (!more.ok()) return more.status();
    if (!*more) return Status::OK();
    if (emit && !sink.Write(row.result)) return Status::OK();
  }
}

Status Execute(const plan::PlannedStatement& plan, const std::string& explain_text,
               ExecContext& ctx, RowSink& sink) {
  auto runnable = Prepare(plan, explain_text, ctx);
  if (!runnable.ok()) return runnable.status();
  return runnable.value()->Run(sink);
}

}  // namespace casql::exec
