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
  // Returns false when the consumer is gone (client disconnected) or wants to pause: Run
  // returns, and a later Run continues with the next row.
  virtual bool Write(const Value& row) = 0;
};

class ExecOperator;

// A statement ready to run: its operators built and every expression compiled, so that
// unknown functions, bad paths or a bad LIMIT are reported before execution starts.
class Runnable {
 public:
  Runnable(const plan::PlannedStatement& plan, std::string explain_text, ExecContext& ctx);
  ~Runnable();
  // Runs the statement: DDL directly, EXPLAIN as its plan document, everything else as a
  // pipeline whose output rows go to `sink`. A non-OK status is fatal to the statement;
  // per-document errors (12009) are collected in the context.
  Status Run(RowSink& sink);
  // False while rows remain after Run returned because the sink refused one.
  bool finished() const { return finished_; }

 private:
  friend Result<std::unique_ptr<Runnable>> Prepare(const plan::PlannedStatement&, std::string,
                                                   ExecContext&);
  Status RunDdl();
  Status RunPipeline(RowSink& sink);

  const plan::PlannedStatement& plan_;
  std::string explain_text_;
  ExecContext& ctx_;
  std::unique_ptr<ExecOperator> pipeline_;
  bool finished_ = false;
};

Result<std::unique_ptr<Runnable>> Prepare(const plan::PlannedStatement& plan,
                                          std::string explain_text, ExecContext& ctx);

// Prepare and Run in one step (tests, tools).
Status Execute(const plan::PlannedStatement& plan, const std::string& explain_text,
               ExecContext& ctx, RowSink& sink);

// The EXPLAIN document of a plan: {"plan": ..., "text": ...} and, when the statement has
// subqueries, "~subqueries": [{"correlated", "plan", "subquery"}, ...]; operator fields in
// alphabetical order, as Couchbase's marshalling emits them.
Value ExplainDocument(const plan::Operator& root, const std::string& text,
                      const std::vector<plan::ExplainedSubquery>& subqueries = {});

}  // namespace casql::exec
