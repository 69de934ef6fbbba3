#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "value/value.h"

namespace casql::ast {

struct Expr;
struct SelectStatement;
using ExprPtr = std::shared_ptr<Expr>;

enum class ExprKind : uint8_t {
  kLiteral,          // value
  kIdentifier,       // name: a keyspace alias, a LET/FOR variable, or an unqualified field
  kField,            // args[0].name  (name as written, backticks removed)
  kDynamicField,     // args[0].[args[1]]
  kElement,          // args[0][args[1]]
  kSlice,            // args[0][args[1] : args[2]]  (args[2] null when the end is open)
  kParameter,        // name ("x" for $x and @x) or position (>= 1 for $1 and each ?)
  kUnary,            // op args[0]
  kBinary,           // args[0] op args[1]; kLike/kNotLike may carry an ESCAPE as args[2]
  kBetween,          // args[0] [NOT] BETWEEN args[1] AND args[2]
  kIs,               // args[0] IS [NOT] is_what
  kExists,           // EXISTS args[0]
  kCase,             // simple: args[0] = operand; searched: args[0] null. Then pairs
                     // args[1],args[2] = WHEN,THEN ...; else_expr optional
  kFunction,         // name (lower-case) (args); distinct, star (COUNT(*)), window
  kArrayConstruct,   // [args...]
  kObjectConstruct,  // {args[0]: args[1], args[2]: args[3], ...} (names are expressions)
  kCollectionPred,   // ANY|SOME|EVERY|ANY AND EVERY bindings SATISFIES args[0] END
  kArrayFor,         // ARRAY args[0] FOR bindings [WHEN args[1]] END
  kFirstFor,         // FIRST args[0] FOR bindings [WHEN args[1]] END
  kObjectFor,        // OBJECT args[0]:args[1] FOR bindings [WHEN args[2]] END
  kSubquery,         // (subquery)
};

enum class ExprOp : uint8_t {
  kNone,
  // unary
  kNeg,
  kNot,
  // arithmetic and string
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
  kConcat,
  // comparison
  kEq,
  kNe,
  kLt,  // `a > b` is parsed as kLt(b, a) and `a >= b` as kLe(b, a), as Couchbase stores them,
  kLe,  // so EXPLAIN prints "(b < a)" exactly like Couchbase.
  kLike,
  kNotLike,
  kIn,
  kNotIn,
  kWithin,
  kNotWithin,
  // logical
  kAnd,
  kOr,
};

enum class IsWhat : uint8_t { kNull, kMissing, kValued, kUnknown };
enum class Quantifier : uint8_t { kAny, kSome, kEvery, kAnyAndEvery };

// One FOR/SATISFIES binding: `[name_var :] var IN|WITHIN expr`.
struct Binding {
  std::string var;
  std::string name_var;  // the position/name variable of `pos : v IN arr`, empty when absent
  bool within = false;
  ExprPtr expr;
  bool operator==(const Binding& other) const;
};

// OVER (...) of a window function call; parsed, not executed.
struct WindowSpec {
  std::vector<ExprPtr> partition_by;
  std::vector<ExprPtr> order_by;
  std::vector<bool> order_desc;
  std::string frame;  // the frame clause as canonical text, empty when absent
  bool operator==(const WindowSpec& other) const;
};

// One expression node. The meaning of `args` depends on `kind` (see ExprKind). Trees are
// built by the parser and are immutable once planning starts; subtrees may be shared.
struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  ExprOp op = ExprOp::kNone;
  Value value;           // kLiteral
  std::string name;      // kIdentifier, kField, kParameter (named), kFunction
  int64_t position = 0;  // kParameter, positional
  IsWhat is_what = IsWhat::kNull;
  Quantifier quantifier = Quantifier::kAny;
  bool negated = false;   // kBetween, kIs
  bool distinct = false;  // kFunction: COUNT(DISTINCT x)
  bool star = false;      // kFunction: COUNT(*)
  std::vector<ExprPtr> args;
  std::vector<Binding> bindings;              // kCollectionPred, kArrayFor, kFirstFor, kObjectFor
  ExprPtr else_expr;                          // kCase
  std::shared_ptr<SelectStatement> subquery;  // kSubquery
  std::shared_ptr<WindowSpec> window;         // kFunction with OVER

  // Deep structural equality (subqueries included).
  bool operator==(const Expr& other) const;
};

// Deep equality of possibly-null pointers.
bool Equal(const ExprPtr& a, const ExprPtr& b);

// Constructors for the common shapes, used by the parser, the planner's rewrites and tests.
ExprPtr MakeLiteral(Value v);
ExprPtr MakeIdentifier(std::string name);
ExprPtr MakeField(ExprPtr base, std::string name);
ExprPtr MakeUnary(ExprOp op, ExprPtr arg);
ExprPtr MakeBinary(ExprOp op, ExprPtr lhs, ExprPtr rhs);
ExprPtr MakeFunction(std::string name, std::vector<ExprPtr> args);

// Canonical SQL++ text in Couchbase's EXPLAIN style: identifiers back-quoted, field paths
// and operators parenthesised ("((`t`.`Id`) = \"19\")"), function names lower-case, strings
// JSON-quoted. Parsing this text yields an equal tree.
std::string ToString(const Expr& expr);
inline std::string ToString(const ExprPtr& expr) {
  return expr ? ToString(*expr) : "";
}

}  // namespace casql::ast
