#pragma once

#include <memory>
#include <string>
#include <vector>

#include "executor/exec_context.h"
#include "executor/row.h"
#include "parser/ast/expression.h"
#include "value/status.h"

namespace casql::exec {

// A compiled expression: built once from the AST (names resolved, operators chosen), then
// evaluated per row without re-examining the tree. Evaluation never fails: N1QL turns type
// errors into NULL or MISSING.
class Evaluator {
 public:
  virtual ~Evaluator() = default;
  virtual Value Eval(const Row& row, ExecContext& ctx) const = 0;
};

using EvaluatorPtr = std::unique_ptr<const Evaluator>;

// What names mean while compiling: the keyspace alias bound to the row's document.
struct CompileScope {
  std::string keyspace_alias;
};

// Compiles an expression; unknown functions and wrong argument counts are reported here,
// before execution, as Couchbase does.
Result<EvaluatorPtr> Compile(const ast::ExprPtr& expr, const CompileScope& scope);

// Function calls, by lower-case name (functions.cc holds the table).
Result<EvaluatorPtr> CompileFunction(const ast::Expr& call, std::vector<EvaluatorPtr> args,
                                     const CompileScope& scope);

// Operators (operators.cc).
EvaluatorPtr MakeUnary(ast::ExprOp op, EvaluatorPtr arg);
EvaluatorPtr MakeBinary(ast::ExprOp op, EvaluatorPtr lhs, EvaluatorPtr rhs);
EvaluatorPtr MakeIs(ast::IsWhat what, bool negated, EvaluatorPtr arg);
EvaluatorPtr MakeBetween(bool negated, EvaluatorPtr arg, EvaluatorPtr low, EvaluatorPtr high);

}  // namespace casql::exec
