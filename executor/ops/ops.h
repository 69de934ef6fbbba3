#pragma once

// Factories of the running operators, one implementation file each (ops/<name>.cc).
// Operators that bind a document take the slot of its keyspace alias; operators that
// evaluate expressions take the scope they compile them in.

#include <functional>
#include "executor/exec_operator.h"
#include "executor/expr/evaluator.h"
#include "executor/ops/key_feed.h"

#include "planner/ops/alias.h"
#include "planner/ops/create_primary_index.h"
#include "planner/ops/except_all.h"
#include "planner/ops/expression_scan.h"
#include "planner/ops/fetch.h"
#include "planner/ops/filter.h"
#include "planner/ops/final_group.h"
#include "planner/ops/hash_join.h"
#include "planner/ops/index_scan.h"
#include "planner/ops/initial_group.h"
#include "planner/ops/initial_project.h"
#include "planner/ops/intermediate_group.h"
#include "planner/ops/intersect_all.h"
#include "planner/ops/join.h"
#include "planner/ops/key_scan.h"
#include "planner/ops/keyspace_ddl.h"
#include "planner/ops/let.h"
#include "planner/ops/limit.h"
#include "planner/ops/merge.h"
#include "planner/ops/nest.h"
#include "planner/ops/nested_loop_join.h"
#include "planner/ops/nested_loop_nest.h"
#include "planner/ops/offset.h"
#include "planner/ops/order.h"
#include "planner/ops/primary_scan.h"
#include "planner/ops/send_delete.h"
#include "planner/ops/send_insert.h"
#include "planner/ops/send_update.h"
#include "planner/ops/set.h"
#include "planner/ops/union_all.h"
#include "planner/ops/unnest.h"
#include "planner/ops/unset.h"
#include "planner/ops/value_scan.h"

namespace casql::exec {

// Names bound outside a pipeline that its sources give every row: WITH bindings, or the outer
// row of a nested-loop join's inner side (seed.cc).
using SeedPtr = std::shared_ptr<const Row>;
ExecOperatorPtr MakeSeed(SeedPtr seed, ExecContext& ctx, ExecOperatorPtr in);

// Compiles an expression of a row; after grouping, aggregate calls read their group's value.
Result<EvaluatorPtr> CompileInScope(const ast::ExprPtr& expr, const CompileScope& scope);
// The slot of a keyspace alias, added to the scope the first time it is bound.
size_t BindKeyspaceAlias(CompileScope* scope, const std::string& alias);
// Result names bound as variables (for an ORDER BY that names a result term), with slots.
using ResultNames = std::vector<std::pair<std::string, size_t>>;
ResultNames AddResultNames(const std::vector<std::string>& names, CompileScope* scope);
void BindResultNames(const ResultNames& names, Row* row);

Result<ExecOperatorPtr> MakeDummyScan(ExecContext& ctx);
Result<ExecOperatorPtr> MakeKeyScan(const plan::KeyScan& op, const CompileScope& scope,
                                    SeedPtr seed, ExecContext& ctx);
Result<ExecOperatorPtr> MakeIndexScan(const plan::IndexScan& op, CompileScope* scope, SeedPtr seed,
                                      ExecContext& ctx);
Result<ExecOperatorPtr> MakeExpressionScan(const plan::ExpressionScan& op, CompileScope* scope,
                                           SeedPtr seed, ExecContext& ctx);
Result<ExecOperatorPtr> MakePrimaryScan(const plan::PrimaryScan& op, ExecContext& ctx);
// A PrimaryScan3 directly followed by the Fetch of the same keyspace may run as one operator
// that binds each document to `slot` as the scan reaches it, instead of looking it up again.
bool CanFusePrimaryScanFetch(const plan::PrimaryScan& scan, const plan::Fetch& fetch);
Result<ExecOperatorPtr> MakePrimaryScanFetch(const plan::PrimaryScan& scan, size_t slot,
                                             ExecContext& ctx);
// The same over the keys in [start, end) only (empty end = unbounded): one part of a scan that
// MakeGather runs split between threads. The scan must have no pushed LIMIT or OFFSET.
Result<ExecOperatorPtr> MakePrimaryScanFetchPart(const plan::PrimaryScan& scan, size_t slot,
                                                 std::string start, std::string end,
                                                 ExecContext& ctx);
// Runs every part at once, each on a thread of its own (the first on the caller's), and then
// returns their rows part after part, in the order given. The first part (in that order) that
// fails fails the whole, and stops the others through the statement's interrupt.
ExecOperatorPtr MakeGather(std::vector<ExecOperatorPtr> parts, ExecContext& ctx);
// PrimaryScan3 and Fetch on a system keyspace (system_scan.cc, system_fetch.cc).
Result<ExecOperatorPtr> MakeSystemScan(const plan::PrimaryScan& op, ExecContext& ctx);
Result<ExecOperatorPtr> MakeSystemFetch(const plan::Fetch& op, size_t slot, ExecContext& ctx,
                                        ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeValueScan(const plan::ValueScan& op, ExecContext& ctx);
Result<ExecOperatorPtr> MakeFetch(const plan::Fetch& op, size_t slot, ExecContext& ctx,
                                  ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeFilter(const plan::Filter& op, const CompileScope& scope,
                                   ExecContext& ctx, ExecOperatorPtr in);
// With bind_terms, the named terms are added to the scope and bound on each row.
Result<ExecOperatorPtr> MakeInitialProject(const plan::InitialProject& op, CompileScope* scope,
                                           ExecContext& ctx, ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeLet(const plan::Let& op, CompileScope* scope, ExecContext& ctx,
                                ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeUnnest(const plan::Unnest& op, CompileScope* scope, ExecContext& ctx,
                                   ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeAlias(const plan::Alias& op, CompileScope* scope, ExecContext& ctx,
                                  ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeJoin(const plan::Join& op, CompileScope* scope, ExecContext& ctx,
                                 ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeNest(const plan::Nest& op, CompileScope* scope, ExecContext& ctx,
                                 ExecOperatorPtr in);
// A fresh inner pipeline whose rows start from `outer` (nested-loop joins and nests).
using InnerFactory = std::function<Result<ExecOperatorPtr>(const Row& outer)>;
// `scope` already holds the right alias.
Result<ExecOperatorPtr> MakeNestedLoopJoin(const plan::NestedLoopJoin& op,
                                           const CompileScope& scope, InnerFactory inner,
                                           ExecContext& ctx, ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeNestedLoopNest(const plan::NestedLoopNest& op,
                                           const CompileScope& scope, InnerFactory inner,
                                           ExecContext& ctx, ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeHashJoin(const plan::HashJoin& op, const CompileScope& scope,
                                     ExecOperatorPtr build_side, ExecContext& ctx,
                                     ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeInitialGroup(const plan::InitialGroup& op, CompileScope* scope,
                                         ExecContext& ctx, ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeIntermediateGroup(const plan::IntermediateGroup& op,
                                              CompileScope* scope, ExecContext& ctx,
                                              ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeFinalGroup(const plan::FinalGroup& op, CompileScope* scope,
                                       SeedPtr seed, ExecContext& ctx, ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeDistinct(ExecContext& ctx, ExecOperatorPtr in);
ExecOperatorPtr MakeUnionAll(std::vector<ExecOperatorPtr> children, ResultNames names,
                             ExecContext& ctx);
ExecOperatorPtr MakeIntersectAll(ExecOperatorPtr first, ExecOperatorPtr second, ResultNames names,
                                 ExecContext& ctx);
ExecOperatorPtr MakeExceptAll(ExecOperatorPtr first, ExecOperatorPtr second, ResultNames names,
                              ExecContext& ctx);
// One WITH binding: its slot, and either an expression or a subquery pipeline.
struct WithBinding {
  size_t slot = 0;
  EvaluatorPtr expr;
  ExecOperatorPtr subquery;
};
// Evaluates the bindings into `seed` before the child's first row.
ExecOperatorPtr MakeWith(std::shared_ptr<Row> seed, std::vector<WithBinding> bindings,
                         ExecOperatorPtr child, ExecContext& ctx);
Result<ExecOperatorPtr> MakeOrder(const plan::Order& op, const CompileScope& scope,
                                  ExecContext& ctx, ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeOffset(const plan::Offset& op, ExecContext& ctx, ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeLimit(const plan::Limit& op, ExecContext& ctx, ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeClone(size_t slot, ExecContext& ctx, ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeSet(const plan::Set& op, const CompileScope& scope, size_t slot,
                                ExecContext& ctx, ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeUnset(const plan::Unset& op, const CompileScope& scope, size_t slot,
                                  ExecContext& ctx, ExecOperatorPtr in);
// `replay` re-reads and re-applies the statement to the key last given to `feed` (the CAS
// retry path); both are null when the request asked for no retries.
Result<ExecOperatorPtr> MakeSendUpdate(const plan::SendUpdate& op, size_t slot, ExecContext& ctx,
                                       ExecOperatorPtr in, ExecOperatorPtr replay, KeyFeed* feed);
// `scope` is where INSERT ... SELECT's KEY/VALUE/OPTIONS compile: `source_slot` holds each
// SELECT result row (unused for the VALUES form, whose ValueScan evaluates the tuples).
Result<ExecOperatorPtr> MakeSendInsert(const plan::SendInsert& op, size_t slot,
                                       const CompileScope& scope, size_t source_slot,
                                       ExecContext& ctx, ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeSendDelete(const plan::SendDelete& op, ExecContext& ctx,
                                       ExecOperatorPtr in);

// The input rows carry the source (bound by the source's own operators) and, in the ANSI
// form, the target read by the join; `target_slot` is the target document's slot.
Result<ExecOperatorPtr> MakeMerge(const plan::Merge& op, const CompileScope& scope,
                                  size_t target_slot, ExecContext& ctx, ExecOperatorPtr in);

// Evaluates a LIMIT/OFFSET expression: a non-negative integer, else error 5010.
Result<int64_t> EvalCount(const ast::ExprPtr& expr, const char* what, ExecContext& ctx);

}  // namespace casql::exec
