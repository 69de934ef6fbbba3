#pragma once

#include <memory>
#include <string>
#include <vector>

#include "executor/expr/evaluator.h"
#include "value/status.h"

namespace casql::exec {

// One aggregate call of a grouped query, split in the three phases of Couchbase's grouping
// operators: InitialGroup adds input values to a partial state, IntermediateGroup merges
// partial states of the same group, FinalGroup turns a state into the aggregate's value.
// States are plain Values so they travel in row slots between the operators.
class GroupAggregate {
 public:
  virtual ~GroupAggregate() = default;
  virtual Value Init() const = 0;
  virtual Value Add(Value state, const Value& input) const = 0;
  virtual Value Merge(Value state, const Value& other) const = 0;
  virtual Value Final(const Value& state) const = 0;
};

struct CompiledAggregate {
  std::unique_ptr<const GroupAggregate> fn;
  EvaluatorPtr arg;  // null for COUNT(*)
};

// COUNT, COUNTN, SUM, AVG/MEAN, MIN, MAX, ARRAY_AGG, each optionally DISTINCT; any other
// aggregate is reported as unsupported.
Result<CompiledAggregate> CompileAggregate(const ast::Expr& call, const CompileScope& scope);

// The row slot name an aggregate's value lives under after grouping.
std::string AggregateSlotName(const ast::Expr& call);

// A grouping operator's compiled keys and aggregates, and the slots holding each
// aggregate's state (then its value) in the rows between the grouping operators.
struct GroupSpec {
  std::vector<EvaluatorPtr> keys;
  std::vector<CompiledAggregate> aggregates;
  std::vector<size_t> slots;
  std::string KeyOf(const Row& row, ExecContext& ctx) const;
};
Result<GroupSpec> CompileGroup(const std::vector<ast::ExprPtr>& keys,
                               const std::vector<ast::ExprPtr>& aggregates, CompileScope* scope);

}  // namespace casql::exec
