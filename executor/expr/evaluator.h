#pragma once

#include <memory>
#include <string>
#include <vector>

#include "executor/exec_context.h"
#include "executor/row.h"
#include "parser/ast/expression.h"
#include "value/status.h"

namespace casql::exec {

// A compiled expression: built once from the AST (names resolved to row slots, operators and
// functions chosen, constant subtrees folded), then evaluated per row without re-examining
// the tree. Evaluation never fails: N1QL turns type errors into NULL or MISSING.
//
// Thread safety: an Evaluator is immutable after compilation; one may be evaluated by many
// threads at once, each with its own Row and ExecContext.
class Evaluator {
 public:
  virtual ~Evaluator() = default;
  virtual Value Eval(const Row& row, ExecContext& ctx) const = 0;

  // Borrowing evaluation, for callers that only read the result: returns either a pointer
  // into the row, a document or this evaluator (valid while they are), or `scratch` after
  // storing a computed value there. Names, field paths and literals override it, so
  // `d.age > 30` compares the document's own value without copying it.
  virtual const Value* EvalRef(const Row& row, ExecContext& ctx, Value* scratch) const {
    *scratch = Eval(row, ctx);
    return scratch;
  }

  // The value when it depends on neither the row nor the context (literals and folded
  // constants); null otherwise.
  virtual const Value* Constant() const { return nullptr; }
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

// Compiles an expression; unknown functions, wrong argument counts and aggregate calls are
// reported here, before execution, as Couchbase does.
//
// Collection expressions (ANY/EVERY ... SATISFIES, ARRAY/FIRST/OBJECT ... FOR) give each
// binding variable a new slot after the slots of `scope`; at evaluation they copy the row
// once and rebind those slots per element, so the caller's row is never written.
Result<EvaluatorPtr> Compile(const ast::ExprPtr& expr, const CompileScope& scope);

// Subqueries belong to the SELECT engine, which registers how to compile them: the hook
// receives the kSubquery node and the scope at that point (so correlated names resolve to
// the enclosing rows' slots) and returns an evaluator whose Eval runs the subquery for the
// row and yields its result array. Until a compiler is registered, a subquery is a compile
// error (3100). Register once at startup, before any statement compiles; the hook must be
// thread-safe.
using SubqueryCompiler = Result<EvaluatorPtr> (*)(const ast::Expr& subquery,
                                                  const CompileScope& scope);
void SetSubqueryCompiler(SubqueryCompiler compiler);

// Function calls (functions.cc): the library in executor/functions/registry.h plus META().
Result<EvaluatorPtr> CompileFunction(const ast::Expr& call, std::vector<EvaluatorPtr> args,
                                     const CompileScope& scope);

// Operators (operators.cc, like.cc).
EvaluatorPtr MakeUnary(ast::ExprOp op, EvaluatorPtr arg);
EvaluatorPtr MakeBinary(ast::ExprOp op, EvaluatorPtr lhs, EvaluatorPtr rhs);
EvaluatorPtr MakeLike(bool negated, EvaluatorPtr arg, EvaluatorPtr pattern, EvaluatorPtr escape);
EvaluatorPtr MakeIs(ast::IsWhat what, bool negated, EvaluatorPtr arg);
EvaluatorPtr MakeBetween(bool negated, EvaluatorPtr arg, EvaluatorPtr low, EvaluatorPtr high);

// Paths and constructors (paths.cc).
EvaluatorPtr MakeLiteral(Value value);
EvaluatorPtr MakeSlot(size_t slot);
EvaluatorPtr MakeField(EvaluatorPtr base, std::string name);
EvaluatorPtr MakeDynamicField(EvaluatorPtr base, EvaluatorPtr name);
EvaluatorPtr MakeElement(EvaluatorPtr base, EvaluatorPtr index);
EvaluatorPtr MakeSlice(EvaluatorPtr base, EvaluatorPtr start, EvaluatorPtr end);
EvaluatorPtr MakeArray(std::vector<EvaluatorPtr> elements);
EvaluatorPtr MakeObject(std::vector<EvaluatorPtr> pairs);

// CASE (case.cc): `operand` null for a searched CASE; `else_value` null without ELSE.
EvaluatorPtr MakeCase(EvaluatorPtr operand, std::vector<EvaluatorPtr> when_then,
                      EvaluatorPtr else_value);

// Collections (collections.cc).
Result<EvaluatorPtr> CompileCollection(const ast::Expr& expr, const CompileScope& scope);
EvaluatorPtr MakeExists(EvaluatorPtr arg);

}  // namespace casql::exec
