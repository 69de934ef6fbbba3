#include "executor/ops/group_spec.h"

#include "executor/canonical_key.h"

namespace casql::exec {

namespace {

Result<CompiledAggregate> CompileAggregate(const ast::Expr& call, const CompileScope& scope) {
  CompiledAggregate out;
  if (call.star) {
    if (call.name != "count") {
      return Status(ErrorCode::kSemantics, "Only COUNT accepts * as its argument");
    }
  } else {
    if (call.args.size() != 1) {
      return Status(
          ErrorCode::kSemantics,
          "Aggregate " + call.name + " takes exactly one argument: " + ast::ToString(call));
    }
    auto arg = Compile(call.args[0], scope);
    if (!arg.ok()) return arg.status();
    out.arg = std::move(arg.value());
  }
  auto prototype = MakeAggregator(call.name, call.distinct);
  if (!prototype.ok()) return prototype.status();
  out.prototype = std::move(prototype.value());
  return out;
}

}  // namespace

std::string AggregateSlotName(const ast::Expr& call) {
  return "#aggregate " + ast::ToString(call);
}

Result<GroupSpec> CompileGroup(const std::vector<ast::ExprPtr>& keys,
                               const std::vector<ast::ExprPtr>& aggregates, CompileScope* scope) {
  GroupSpec spec;
  for (const auto& key : keys) {
    auto eval = Compile(key, *scope);
    if (!eval.ok()) return eval.status();
    spec.keys.push_back(std::move(eval.value()));
  }
  for (const auto& call : aggregates) {
    auto compiled = CompileAggregate(*call, *scope);
    if (!compiled.ok()) return compiled.status();
    spec.aggregates.push_back(std::move(compiled.value()));
  }
  // The three grouping operators share the slots: the first one adds them.
  for (const auto& call : aggregates) {
    const std::string name = AggregateSlotName(*call);
    const int slot = scope->Find(name);
    spec.slots.push_back(slot >= 0 ? static_cast<size_t>(slot) : scope->Add(name));
  }
  return spec;
}

void GroupSpec::KeyOf(const Row& row, ExecContext& ctx, std::string* key) const {
  key->clear();
  Value scratch;
  for (const auto& eval : keys) AppendCanonicalKey(*eval->EvalRef(row, ctx, &scratch), key);
}

std::vector<std::shared_ptr<Aggregator>> GroupSpec::NewPartials() const {
  std::vector<std::shared_ptr<Aggregator>> partials;
  partials.reserve(aggregates.size());
  for (const auto& aggregate : aggregates) partials.push_back(aggregate.prototype->NewEmpty());
  return partials;
}

}  // namespace casql::exec
