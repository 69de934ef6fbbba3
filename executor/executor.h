#pragma once

#include <string>

#include "executor/exec_context.h"
#include "planner/planned_statement.h"
#include "value/status.h"

namespace casql::exec {

// Where result rows go as they are produced (the HTTP response streams them).
class RowSink {
 public:
  virtual ~RowSink() = default;
  // Returns false when the consumer is gone (client disconnected): execution stops.
  virtual bool Write(const Value& row) = 0;
};

// Runs a planned statement: DDL directly, EXPLAIN as its plan document, everything else as
// a pipeline of operators whose output rows go to `sink`. A non-OK status is fatal to the
// statement; per-document errors (12009) are collected in `ctx`.
Status Execute(const plan::PlannedStatement& plan, const std::string& explain_text,
               ExecContext& ctx, RowSink& sink);

// The EXPLAIN document of a plan: {"plan": ..., "text": ...} with operator fields in
// alphabetical order, as Couchbase's marshalling emits them.
Value ExplainDocument(const plan::Operator& root, const std::string& text);

}  // namespace casql::exec
