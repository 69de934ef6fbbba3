#include "executor/executor.h"

#include <algorithm>
#include <thread>

#include "executor/datastore.h"
#include "executor/ops/ops.h"
#include "executor/ops/recursive_union.h"
#include "executor/prepared_statements.h"
#include "executor/subquery.h"
#include "planner/ops/create_index.h"
#include "planner/ops/drop_index.h"
#include "planner/ops/parallel.h"
#include "planner/ops/sequence.h"
#include "planner/ops/with.h"

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
  // Values every row of this pipeline starts from (WITH bindings, a join's outer row); null
  // when there are none.
  std::shared_ptr<Row> seed;
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
  return kind == OpKind::kFetch || kind == OpKind::kLet || kind == OpKind::kFilter ||
         kind == OpKind::kClone || kind == OpKind::kSet || kind == OpKind::kUnset;
}

// Sources start every row afresh; with a seed, its names are given to each row.
Result<ExecOperatorPtr> Seeded(Result<ExecOperatorPtr> source, const BuildState& state,
                               ExecContext& ctx) {
  if (!source.ok() || !state.seed) return source;
  return MakeSeed(state.seed, ctx, std::move(source.value()));
}

// A pipeline built apart from the enclosing one (a set operation's operand, a FROM or WITH
// subquery): same names and seed, its own additions.
Result<ExecOperatorPtr> BuildApart(const plan::Operator& op, const BuildState& state,
                                   ExecContext& ctx) {
  BuildState apart;
  apart.scope = state.scope;
  apart.seed = state.seed;
  return Build(op, nullptr, &apart, ctx);
}

// The inner side of a nested-loop join, rebuilt per outer row with that row as its seed so
// its scan may read the outer row (a KeyScan on `META(right).id = outer.x`).
InnerFactory MakeInner(const plan::Operator& child, const BuildState& state, ExecContext& ctx) {
  CompileScope scope = state.scope;
  return [&child, scope, &ctx](const Row& outer) -> Result<ExecOperatorPtr> {
    BuildState inner;
    inner.scope = scope;
    inner.seed = std::make_shared<Row>(outer);
    return Build(child, nullptr, &inner, ctx);
  };
}

// The limits a WITH RECURSIVE binding's OPTIONS give, evaluated once when the pipeline is
// built: before any WITH binding has a value, so it may read constants, parameters and the
// names of an enclosing query (the seed), not earlier bindings.
Result<RecursionLimits> RecursionLimitsOf(const ast::ExprPtr& options, const CompileScope& scope,
                                          const Row& seed, ExecContext& ctx) {
  auto compiled = CompileInScope(options, scope);
  if (!compiled.ok()) return compiled.status();
  const Value value = compiled.value()->Eval(seed, ctx);
  CASQL_RETURN_IF_ERROR(ctx.CheckInterrupt());
  return ParseRecursionLimits(value);
}

Result<ExecOperatorPtr> BuildWith(const plan::With& with, BuildState* state, ExecContext& ctx) {
  auto seed = state->seed ? std::make_shared<Row>(*state->seed) : std::make_shared<Row>();
  state->seed = seed;
  std::vector<WithBinding> bindings;
  for (size_t i = 0; i < with.bindings.size(); ++i) {
    WithBinding binding;
    const auto& subquery = with.subquery_plans[i];
    const auto& step = with.recursive_plans[i];
    if (subquery) {
      auto pipeline = BuildApart(*subquery, *state, ctx);
      if (!pipeline.ok()) return pipeline;
      binding.subquery = std::move(pipeline.value());
    }
    if (step) {
      RecursionLimits limits;
      if (const auto& options = with.recursive_options[i]) {
        auto parsed = RecursionLimitsOf(options, state->scope, *seed, ctx);
        if (!parsed.ok()) return parsed.status();
        limits = parsed.value();
      }
      // Each round runs the step afresh with the binding's name holding the round before.
      CompileScope step_scope = state->scope;
      const size_t name_slot = step_scope.Add(with.bindings[i].var);
      RecursiveStep next_round = [&step_plan = *step, step_scope, seed, name_slot,
                                  &ctx](const Value& previous) -> Result<ExecOperatorPtr> {
        BuildState round;
        round.scope = step_scope;
        round.seed = std::make_shared<Row>(*seed);
        round.seed->Bind(name_slot, previous);
        return Build(step_plan, nullptr, &round, ctx);
      };
      binding.subquery = MakeRecursiveUnion(std::move(binding.subquery), std::move(next_round),
                                            with.recursive_distinct[i], limits, ctx);
    }
    if (!subquery) {
      auto expr = CompileInScope(with.bindings[i].expr, state->scope);
      if (!expr.ok()) return expr.status();
      binding.expr = std::move(expr.value());
    }
    binding.slot = state->scope.Add(with.bindings[i].var);
    bindings.push_back(std::move(binding));
  }
  auto child = Build(*with.child, nullptr, state, ctx);
  if (!child.ok()) return child;
  return MakeWith(seed, std::move(bindings), std::move(child.value()), ctx);
}

// A primary scan and the Fetch of its documents as one operator (see MakePrimaryScanFetch),
// or null when `scan` and `fetch` are not that pair. Without a seed only: a seeded scan's rows
// take the seed's names between the two.
Result<ExecOperatorPtr> BuildScanFetch(const plan::Operator& scan, const plan::Operator& fetch,
                                       BuildState* state, ExecContext& ctx) {
  using plan::OpKind;
  if (scan.kind() != OpKind::kPrimaryScan || fetch.kind() != OpKind::kFetch)
    return ExecOperatorPtr();
  const auto& scan_op = scan.As<plan::PrimaryScan>();
  const auto& fetch_op = fetch.As<plan::Fetch>();
  if (!CanFusePrimaryScanFetch(scan_op, fetch_op)) return ExecOperatorPtr();
  state->per_document.push_back(&fetch);
  state->target_slot = BindKeyspaceAlias(&state->scope, fetch_op.alias);
  return MakePrimaryScanFetch(scan_op, state->target_slot, ctx);
}

// How many threads a primary scan of `collection` followed by `parallel` may be split
// between: one per core, capped by the plan and the request, and by the keyspace's size, so a
// small scan is not split at all (a thread costs about what scanning a few hundred documents
// does).
size_t ScanPartitions(const plan::Parallel& parallel, const kv::Collection& collection,
                      const ExecSettings& settings) {
  constexpr uint64_t kDocsPerPart = 4096;
  constexpr size_t kMostParts = 8;
  size_t parts = std::max(1u, std::thread::hardware_concurrency());
  if (settings.max_parallelism > 0) parts = std::min<size_t>(parts, settings.max_parallelism);
  if (parallel.max_parallelism > 0) parts = std::min<size_t>(parts, parallel.max_parallelism);
  parts = std::min<size_t>(parts, kMostParts);
  return std::min<size_t>(parts, collection.ItemCount() / kDocsPerPart);
}

// Whether the operators of a Parallel section work row by row and end in InitialGroup: then
// every part of a split scan may run its own copy, and the IntermediateGroup after the
// section merges their groups as it merges any producers'.
bool EndsInInitialGroup(const plan::Parallel& parallel) {
  using plan::OpKind;
  if (parallel.child->kind() != OpKind::kSequence) return false;
  const auto& ops = parallel.child->As<plan::Sequence>().children;
  if (ops.empty() || ops.back()->kind() != OpKind::kInitialGroup) return false;
  return std::all_of(ops.begin(), ops.end() - 1, [](const plan::OperatorPtr& op) {
    return op->kind() == OpKind::kFilter || op->kind() == OpKind::kLet ||
           op->kind() == OpKind::kUnnest;
  });
}

// children[i..i+2] as PrimaryScan3, Fetch and a Parallel section that ends in InitialGroup,
// over a large keyspace: the key space is cut into ranges (kv::Collection::SplitKeys), each
// range runs its own copy of the three, all at once, and MakeGather hands on their groups range
// after range, so groups first appear in the order one scan would give them. Null when the
// shape, the keyspace's size or the request's max_parallelism rule it out.
Result<ExecOperatorPtr> BuildSplitScan(const std::vector<plan::OperatorPtr>& children, size_t i,
                                       BuildState* state, ExecContext& ctx) {
  using plan::OpKind;
  if (i + 3 >= children.size() || children[i]->kind() != OpKind::kPrimaryScan ||
      children[i + 1]->kind() != OpKind::kFetch || children[i + 2]->kind() != OpKind::kParallel ||
      children[i + 3]->kind() != OpKind::kIntermediateGroup) {
    return ExecOperatorPtr();
  }
  const auto& scan = children[i]->As<plan::PrimaryScan>();
  const auto& fetch = children[i + 1]->As<plan::Fetch>();
  const auto& parallel = children[i + 2]->As<plan::Parallel>();
  if (!CanFusePrimaryScanFetch(scan, fetch) || scan.limit || scan.offset ||
      !EndsInInitialGroup(parallel)) {
    return ExecOperatorPtr();
  }
  auto collection = ctx.datastore().Collection(scan.keyspace);
  if (!collection.ok()) return collection.status();
  const size_t parts = ScanPartitions(parallel, *collection.value(), ctx.settings());
  if (parts < 2) return ExecOperatorPtr();
  std::vector<std::string> bounds = collection.value()->SplitKeys(parts);
  if (bounds.empty()) return ExecOperatorPtr();
  bounds.insert(bounds.begin(), "");
  bounds.push_back("");
  std::vector<ExecOperatorPtr> pipelines;
  BuildState first;
  for (size_t part = 0; part + 1 < bounds.size(); ++part) {
    // Every part compiles the same operators from the same names, so all end with the same
    // slots; the first's state goes on to the operators after the section.
    BuildState own = *state;
    own.per_document.push_back(&fetch);
    own.target_slot = BindKeyspaceAlias(&own.scope, fetch.alias);
    auto source =
        MakePrimaryScanFetchPart(scan, own.target_slot, bounds[part], bounds[part + 1], ctx);
    if (!source.ok()) return source;
    auto pipeline = Build(parallel, std::move(source.value()), &own, ctx);
    if (!pipeline.ok()) return pipeline;
    pipelines.push_back(std::move(pipeline.value()));
    if (part == 0) first = std::move(own);
  }
  *state = std::move(first);
  return MakeGather(std::move(pipelines), ctx);
}

// Builds the running pipeline of `op` on top of `input` (null for a source).
Result<ExecOperatorPtr> Build(const plan::Operator& op, ExecOperatorPtr input, BuildState* state,
                              ExecContext& ctx) {
  using plan::OpKind;
  if (IsPerDocument(op.kind())) state->per_document.push_back(&op);
  const CompileScope& scope = state->scope;
  switch (op.kind()) {
    case OpKind::kSequence: {
      const auto& children = op.As<plan::Sequence>().children;
      for (size_t i = 0; i < children.size(); ++i) {
        if (i + 1 < children.size() && !input && !state->seed) {
          auto split = BuildSplitScan(children, i, state, ctx);
          if (!split.ok()) return split.status();
          if (*split) {
            input = std::move(split.value());
            i += 2;
            continue;
          }
          auto fused = BuildScanFetch(*children[i], *children[i + 1], state, ctx);
          if (!fused.ok()) return fused.status();
          if (*fused) {
            input = std::move(fused.value());
            ++i;
            continue;
          }
        }
        // A FROM subquery (the operand before an Alias) has names of its own.
        const bool subquery = i + 1 < children.size() && children[i + 1]->kind() == OpKind::kAlias;
        auto built = subquery ? BuildApart(*children[i], *state, ctx)
                              : Build(*children[i], std::move(input), state, ctx);
        if (!built.ok()) return built;
        input = std::move(built.value());
      }
      return input;
    }
    case OpKind::kParallel:
      return Build(*op.As<plan::Parallel>().child, std::move(input), state, ctx);
    case OpKind::kDummyScan:
      return Seeded(MakeDummyScan(ctx), *state, ctx);
    case OpKind::kKeyScan:
      return Seeded(MakeKeyScan(op.As<plan::KeyScan>(), scope, state->seed, ctx), *state, ctx);
    case OpKind::kPrimaryScan:
      return Seeded(MakePrimaryScan(op.As<plan::PrimaryScan>(), ctx), *state, ctx);
    case OpKind::kIndexScan:
      return Seeded(MakeIndexScan(op.As<plan::IndexScan>(), &state->scope, state->seed, ctx),
                    *state, ctx);
    case OpKind::kExpressionScan:
      return Seeded(
          MakeExpressionScan(op.As<plan::ExpressionScan>(), &state->scope, state->seed, ctx),
          *state, ctx);
    case OpKind::kValueScan:
      return MakeValueScan(op.As<plan::ValueScan>(), ctx);
    case OpKind::kFetch:
      state->target_slot = BindKeyspaceAlias(&state->scope, op.As<plan::Fetch>().alias);
      return MakeFetch(op.As<plan::Fetch>(), state->target_slot, ctx, std::move(input));
    case OpKind::kFilter:
      return MakeFilter(op.As<plan::Filter>(), scope, ctx, std::move(input));
    case OpKind::kInitialProject:
      return MakeInitialProject(op.As<plan::InitialProject>(), &state->scope, ctx,
                                std::move(input));
    case OpKind::kAlias:
      return MakeAlias(op.As<plan::Alias>(), &state->scope, ctx, std::move(input));
    case OpKind::kLet:
      return MakeLet(op.As<plan::Let>(), &state->scope, ctx, std::move(input));
    case OpKind::kUnnest:
      return MakeUnnest(op.As<plan::Unnest>(), &state->scope, ctx, std::move(input));
    case OpKind::kJoin:
      return MakeJoin(op.As<plan::Join>(), &state->scope, ctx, std::move(input));
    case OpKind::kNest:
      return MakeNest(op.As<plan::Nest>(), &state->scope, ctx, std::move(input));
    case OpKind::kNestedLoopJoin: {
      const auto& join = op.As<plan::NestedLoopJoin>();
      InnerFactory inner = MakeInner(*join.child, *state, ctx);
      BindKeyspaceAlias(&state->scope, join.alias);
      return MakeNestedLoopJoin(join, state->scope, std::move(inner), ctx, std::move(input));
    }
    case OpKind::kNestedLoopNest: {
      const auto& nest = op.As<plan::NestedLoopNest>();
      InnerFactory inner = MakeInner(*nest.child, *state, ctx);
      BindKeyspaceAlias(&state->scope, nest.alias);
      return MakeNestedLoopNest(nest, state->scope, std::move(inner), ctx, std::move(input));
    }
    case OpKind::kHashJoin: {
      const auto& join = op.As<plan::HashJoin>();
      auto build_side = BuildApart(*join.child, *state, ctx);
      if (!build_side.ok()) return build_side;
      BindKeyspaceAlias(&state->scope, join.alias);
      return MakeHashJoin(join, state->scope, std::move(build_side.value()), ctx, std::move(input));
    }
    case OpKind::kInitialGroup:
      return MakeInitialGroup(op.As<plan::InitialGroup>(), &state->scope, ctx, std::move(input));
    case OpKind::kIntermediateGroup:
      return MakeIntermediateGroup(op.As<plan::IntermediateGroup>(), &state->scope, ctx,
                                   std::move(input));
    case OpKind::kFinalGroup:
      return MakeFinalGroup(op.As<plan::FinalGroup>(), &state->scope, state->seed, ctx,
                            std::move(input));
    case OpKind::kDistinct:
      return MakeDistinct(ctx, std::move(input));
    case OpKind::kUnionAll: {
      const auto& set = op.As<plan::UnionAll>();
      std::vector<ExecOperatorPtr> children;
      for (const auto& child : set.children) {
        auto built = BuildApart(*child, *state, ctx);
        if (!built.ok()) return built;
        children.push_back(std::move(built.value()));
      }
      return MakeUnionAll(std::move(children), AddResultNames(set.names, &state->scope), ctx);
    }
    case OpKind::kIntersectAll:
    case OpKind::kExceptAll: {
      const bool intersect = op.kind() == OpKind::kIntersectAll;
      const auto& first_plan =
          intersect ? *op.As<plan::IntersectAll>().first : *op.As<plan::ExceptAll>().first;
      const auto& second_plan =
          intersect ? *op.As<plan::IntersectAll>().second : *op.As<plan::ExceptAll>().second;
      const auto& names =
          intersect ? op.As<plan::IntersectAll>().names : op.As<plan::ExceptAll>().names;
      auto first = BuildApart(first_plan, *state, ctx);
      if (!first.ok()) return first;
      auto second = BuildApart(second_plan, *state, ctx);
      if (!second.ok()) return second;
      ResultNames bound = AddResultNames(names, &state->scope);
      if (intersect) {
        return MakeIntersectAll(std::move(first.value()), std::move(second.value()),
                                std::move(bound), ctx);
      }
      return MakeExceptAll(std::move(first.value()), std::move(second.value()), std::move(bound),
                           ctx);
    }
    case OpKind::kWith:
      return BuildWith(op.As<plan::With>(), state, ctx);
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
      state->target_slot = BindKeyspaceAlias(&state->scope, send.alias);
      return MakeSendInsert(send, state->target_slot, source_scope, source, ctx, std::move(input));
    }
    case OpKind::kMerge: {
      const auto& merge = op.As<plan::Merge>();
      // The source operators (Fetch, Alias, ExpressionScan) bound the source's name; the ANSI
      // form's join bound the target's too.
      if (state->scope.Find(merge.source_alias) < 0) {
        return Status(ErrorCode::kInternal, "MERGE source " + merge.source_alias + " is unbound");
      }
      state->target_slot = BindKeyspaceAlias(&state->scope, merge.alias);
      return MakeMerge(merge, state->scope, state->target_slot, ctx, std::move(input));
    }
    case OpKind::kSendDelete:
      return MakeSendDelete(op.As<plan::SendDelete>(), ctx, std::move(input));
    case OpKind::kKeyspaceDdl:
    case OpKind::kCreatePrimaryIndex:
    case OpKind::kCreateIndex:
    case OpKind::kDropIndex:
    case OpKind::kPrepare:
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

Result<ExecOperatorPtr> BuildNested(const plan::Operator& root, const CompileScope& scope,
                                    std::shared_ptr<Row> seed, ExecContext& ctx) {
  BuildState state;
  state.scope = scope;
  state.seed = std::move(seed);
  return Build(root, nullptr, &state, ctx);
}

Value ExplainDocument(const plan::Operator& root, const std::string& text,
                      const std::vector<plan::ExplainedSubquery>& subqueries) {
  Object document{{"plan", SortKeysDeep(root.Explain())}, {"text", Value(text)}};
  if (subqueries.empty()) return Value(std::move(document));
  Array listed;
  for (const auto& subquery : subqueries) {
    listed.push_back(Value(Object{{"correlated", Value(subquery.correlated)},
                                  {"plan", SortKeysDeep(subquery.plan->Explain())},
                                  {"subquery", Value(subquery.text)}}));
  }
  document.Set("~subqueries", Value(std::move(listed)));
  return Value(std::move(document));
}

Runnable::Runnable(const plan::PlannedStatement& plan, std::string explain_text, ExecContext& ctx)
    : plan_(plan), explain_text_(std::move(explain_text)), ctx_(ctx) {}

Runnable::~Runnable() = default;

Result<std::unique_ptr<Runnable>> Prepare(const plan::PlannedStatement& plan,
                                          std::string explain_text, ExecContext& ctx) {
  RegisterSubqueryCompiler();
  StatementOnThread on_thread(ctx);
  auto runnable = std::make_unique<Runnable>(plan, std::move(explain_text), ctx);
  if (plan.using_args) CASQL_RETURN_IF_ERROR(BindUsingArgs(plan.using_args, ctx));
  const plan::OpKind kind = plan.root->kind();
  if (!plan.is_explain && kind != plan::OpKind::kPrepare && kind != plan::OpKind::kKeyspaceDdl &&
      kind != plan::OpKind::kCreatePrimaryIndex && kind != plan::OpKind::kCreateIndex &&
      kind != plan::OpKind::kDropIndex) {
    BuildState state;
    auto pipeline = Build(*plan.root, nullptr, &state, ctx);
    if (!pipeline.ok()) return pipeline.status();
    runnable->pipeline_ = std::move(pipeline.value());
  }
  return runnable;
}

Status Runnable::Run(RowSink& sink) {
  // Nested-loop joins rebuild their inner side, compiling its subqueries, while running.
  StatementOnThread on_thread(ctx_);
  const plan::OpKind kind = plan_.root->kind();
  if (!plan_.is_explain &&
      (kind == plan::OpKind::kKeyspaceDdl || kind == plan::OpKind::kCreatePrimaryIndex ||
       kind == plan::OpKind::kCreateIndex || kind == plan::OpKind::kDropIndex)) {
    finished_ = true;
    Status status = RunDdl();
    ctx_.datastore().CatalogChanged();
    return status;
  }
  if (!plan_.is_explain && kind == plan::OpKind::kPrepare) {
    // PREPARE answers with its one row: nothing remains after it, whatever the sink says.
    finished_ = true;
    return RunPrepare(plan_.root->As<plan::Prepare>(), ctx_, sink);
  }
  return RunPipeline(sink);
}

Status Runnable::RunDdl() {
  if (plan_.root->kind() == plan::OpKind::kKeyspaceDdl) {
    return RunKeyspaceDdl(plan_.root->As<plan::KeyspaceDdl>().statement, ctx_.datastore());
  }
  if (plan_.root->kind() == plan::OpKind::kCreatePrimaryIndex) {
    const auto& op = plan_.root->As<plan::CreatePrimaryIndex>();
    return ctx_.datastore().CreatePrimaryIndex(op.keyspace, op.name, op.if_not_exists);
  }
  if (plan_.root->kind() == plan::OpKind::kCreateIndex) {
    const auto& op = plan_.root->As<plan::CreateIndex>();
    return ctx_.datastore().CreateIndex(op.keyspace, op.index, op.if_not_exists);
  }
  if (plan_.root->kind() == plan::OpKind::kDropIndex) {
    const auto& op = plan_.root->As<plan::DropIndex>();
    return ctx_.datastore().DropIndex(op.keyspace, op.name, op.if_exists);
  }
  return Status(ErrorCode::kInternal, std::string("Not a DDL operator: ") + plan_.root->Name());
}

Status Runnable::RunPipeline(RowSink& sink) {
  if (plan_.is_explain) {
    finished_ = true;
    sink.Write(ExplainDocument(*plan_.root, explain_text_, plan_.subqueries));
    return Status::OK();
  }
  // Mutations without RETURNING produce rows internally (the pipeline's output) but the
  // client receives none.
  const bool emit = !plan_.signature.IsNull();
  Row row;
  while (true) {
    Status interrupted = ctx_.CheckInterrupt();
    if (!interrupted.ok()) {
      finished_ = true;
      return interrupted;
    }
    auto more = pipeline_->Next(&row);
    finished_ = !more.ok() || !*more;
    if (!more.ok()) return more.status();
    // An expression may have stopped the statement while the last rows were filtered out.
    if (!*more) return ctx_.CheckInterrupt();
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
