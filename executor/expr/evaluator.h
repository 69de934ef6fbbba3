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

// What names mean while compiling: each name in scope owns the row slot at its index.
// Later names shadow earlier ones (a FOR variable hides a field or alias of the same name).
struct CompileScope {
  struct Name {
    std::string name;
    bool keyspace = false;  // a keyspace alias (its slot holds a document, with META)
  };
  std::vector<Name> names;

  // The slot of `name`, or -1 when it is not in scope (then it means MISSING).
  int Find(const std::string& name) const;
  // Adds a name and returns its slot.
  size_t Add(std::string name, bool keyspace = false);
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
