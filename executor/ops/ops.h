#pragma once

// Factories of the running operators, one implementation file each (ops/<name>.cc).
// Operators that bind a document take the slot of its keyspace alias; operators that
// evaluate expressions take the scope they compile them in.

#include "executor/exec_operator.h"
#include "executor/expr/evaluator.h"
#include "executor/ops/key_feed.h"
#include "planner/ops/create_primary_index.h"
#include "planner/ops/fetch.h"
#include "planner/ops/filter.h"
#include "planner/ops/initial_project.h"
#include "planner/ops/key_scan.h"
#include "planner/ops/keyspace_ddl.h"
#include "planner/ops/limit.h"
#include "planner/ops/merge.h"
#include "planner/ops/offset.h"
#include "planner/ops/order.h"
#include "planner/ops/primary_scan.h"
#include "planner/ops/send_delete.h"
#include "planner/ops/send_insert.h"
#include "planner/ops/send_update.h"
#include "planner/ops/set.h"
#include "planner/ops/unset.h"
#include "planner/ops/value_scan.h"

namespace casql::exec {

Result<ExecOperatorPtr> MakeDummyScan(ExecContext& ctx);
Result<ExecOperatorPtr> MakeKeyScan(const plan::KeyScan& op, ExecContext& ctx);
Result<ExecOperatorPtr> MakePrimaryScan(const plan::PrimaryScan& op, ExecContext& ctx);
Result<ExecOperatorPtr> MakeValueScan(const plan::ValueScan& op, ExecContext& ctx);
Result<ExecOperatorPtr> MakeFetch(const plan::Fetch& op, size_t slot, ExecContext& ctx,
                                  ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeFilter(const plan::Filter& op, const CompileScope& scope,
                                   ExecContext& ctx, ExecOperatorPtr in);
Result<ExecOperatorPtr> MakeInitialProject(const plan::InitialProject& op,
                                           const CompileScope& scope, ExecContext& ctx,
                                           ExecOperatorPtr in);
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

// `source_slot` holds each source row (a document, or a SELECT result the operator binds
// there itself); `target_slot` the target document.
Result<ExecOperatorPtr> MakeMerge(const plan::Merge& op, const CompileScope& scope,
                                  size_t source_slot, size_t target_slot, ExecContext& ctx,
                                  ExecOperatorPtr in);

// Evaluates a LIMIT/OFFSET expression: a non-negative integer, else error 5010.
Result<int64_t> EvalCount(const ast::ExprPtr& expr, const char* what, ExecContext& ctx);

}  // namespace casql::exec
