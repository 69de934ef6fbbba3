#pragma once

#include <string>

#include "executor/exec_context.h"
#include "executor/executor.h"
#include "planner/ops/prepare.h"

namespace casql::exec {

// PREPARE: registers the plan in the Datastore's PreparedRegistry (RegisterPrepared returns
// the name, generated when the statement gave none) and writes the row Couchbase answers
// with: {name, namespace, operator, queryContext, signature, text}, keys in alphabetical
// order as Couchbase marshals them. `operator` is the plan as EXPLAIN prints it.
// Couchbase's encoded_plan (a gzipped plan for re-sending to other nodes),
// featureControls and indexApiVersion are omitted: a single casql server never decodes a plan
// sent back to it, and casql has neither setting.
Result<std::string> RegisterPrepared(const plan::Prepare& op, Datastore& datastore);
Status RunPrepare(const plan::Prepare& op, ExecContext& ctx, RowSink& sink);

// EXECUTE ... USING: replaces the request's parameters by the USING values (an array binds
// $1, $2, ...; an object binds named parameters, with or without their `$` or `@`).
Status BindUsingArgs(const ast::ExprPtr& using_args, ExecContext& ctx);

}  // namespace casql::exec
