#pragma once

#include <memory>
#include <string>
#include <vector>

#include "executor/expr/aggregates.h"
#include "executor/expr/evaluator.h"
#include "value/status.h"

namespace casql::exec {

// One aggregate call of a grouped query: an empty aggregator that each group copies with
// NewEmpty, and the compiled argument (null for COUNT(*)).
struct CompiledAggregate {
  std::unique_ptr<const Aggregator> prototype;
  EvaluatorPtr arg;
};

// The row slot name an aggregate's value lives under after grouping.
std::string AggregateSlotName(const ast::Expr& call);

// A grouping operator's compiled keys and aggregates. Couchbase's three grouping phases
// share it: InitialGroup adds each row's argument values to its group's aggregators (carried
// in Row::partials, in the order of `aggregates`), IntermediateGroup merges the partials of
// equal groups, FinalGroup stores each aggregator's result in its slot in `slots`.
struct GroupSpec {
  std::vector<EvaluatorPtr> keys;
  std::vector<CompiledAggregate> aggregates;
  std::vector<size_t> slots;

  // The row's group key (CanonicalKey of the key values) into *key, whose buffer a caller
  // reuses from row to row.
  void KeyOf(const Row& row, ExecContext& ctx, std::string* key) const;
  // Fresh, empty aggregators for a new group.
  std::vector<std::shared_ptr<Aggregator>> NewPartials() const;
};
Result<GroupSpec> CompileGroup(const std::vector<ast::ExprPtr>& keys,
                               const std::vector<ast::ExprPtr>& aggregates, CompileScope* scope);

}  // namespace casql::exec
