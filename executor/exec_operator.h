#pragma once

#include <memory>

#include "executor/exec_context.h"
#include "executor/row.h"
#include "value/status.h"

namespace casql::exec {

// The running form of a plan operator: pulls rows from its input and produces its own.
// One instance per execution; it holds the per-execution state the plan must not.
class ExecOperator {
 public:
  explicit ExecOperator(ExecContext& ctx) : ctx_(ctx) {}
  virtual ~ExecOperator() = default;
  ExecOperator(const ExecOperator&) = delete;
  ExecOperator& operator=(const ExecOperator&) = delete;

  // Fills *row with the next row and returns true, or returns false at the end. A non-OK
  // status is fatal to the statement; per-row errors go to the context instead.
  virtual Result<bool> Next(Row* row) = 0;

 protected:
  ExecContext& ctx_;
};

using ExecOperatorPtr = std::unique_ptr<ExecOperator>;

// An operator that transforms rows from one input.
class UnaryExecOperator : public ExecOperator {
 public:
  UnaryExecOperator(ExecContext& ctx, ExecOperatorPtr input)
      : ExecOperator(ctx), input_(std::move(input)) {}

 protected:
  ExecOperatorPtr input_;
};

}  // namespace casql::exec
