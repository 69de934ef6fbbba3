// Prints expressions the way couchbase/query's expression/stringer.go does, so EXPLAIN output
// matches Couchbase's: every operator application is parenthesised (which also makes the text
// parse back to the same tree without any precedence reasoning), operators and function names
// are lower-case, identifiers are back-quoted and strings are JSON-quoted.
#include <string>

#include "parser/ast/expression.h"
#include "parser/ast/printer_util.h"
#include "parser/ast/statement.h"
#include "value/json.h"

namespace casql::ast {

void AppendIdentifier(std::string_view name, std::string* out) {
  out->push_back('`');
  for (char c : name) {
    if (c == '`') out->push_back('`');
    out->push_back(c);
  }
  out->push_back('`');
}

namespace {

void Append(const Expr& expr, std::string* out);

void AppendPtr(const ExprPtr& expr, std::string* out) {
  if (expr) Append(*expr, out);
}

const char* BinaryOperator(ExprOp op) {
  switch (op) {
    case ExprOp::kAdd:
      return " + ";
    case ExprOp::kSub:
      return " - ";
    case ExprOp::kMul:
      return " * ";
    case ExprOp::kDiv:
      return " / ";
    case ExprOp::kMod:
      return " % ";
    case ExprOp::kConcat:
      return " || ";
    case ExprOp::kEq:
      return " = ";
    case ExprOp::kNe:
      return " != ";
    case ExprOp::kLt:
      return " < ";
    case ExprOp::kLe:
      return " <= ";
    case ExprOp::kLike:
      return " like ";
    case ExprOp::kNotLike:
      return " not like ";
    case ExprOp::kIn:
      return " in ";
    case ExprOp::kNotIn:
      return " not in ";
    case ExprOp::kWithin:
      return " within ";
    case ExprOp::kNotWithin:
      return " not within ";
    case ExprOp::kAnd:
      return " and ";
    case ExprOp::kOr:
      return " or ";
    case ExprOp::kNone:
    case ExprOp::kNeg:
    case ExprOp::kNot:
      break;
  }
  return " ? ";
}

const char* IsWhatName(IsWhat what) {
  switch (what) {
    case IsWhat::kNull:
      return "null";
    case IsWhat::kMissing:
      return "missing";
    case IsWhat::kValued:
      return "valued";
    case IsWhat::kUnknown:
      return "unknown";
  }
  return "null";
}

const char* QuantifierName(Quantifier q) {
  switch (q) {
    case Quantifier::kAny:
      return "any ";
    case Quantifier::kSome:
      return "some ";
    case Quantifier::kEvery:
      return "every ";
    case Quantifier::kAnyAndEvery:
      return "any and every ";
  }
  return "any ";
}

void AppendBindings(const std::vector<Binding>& bindings, std::string* out) {
  for (size_t i = 0; i < bindings.size(); ++i) {
    if (i > 0) out->append(", ");
    const Binding& b = bindings[i];
    if (!b.name_var.empty()) {
      AppendIdentifier(b.name_var, out);
      out->append(" : ");
    }
    AppendIdentifier(b.var, out);
    out->append(b.within ? " within " : " in ");
    AppendPtr(b.expr, out);
  }
}

void AppendList(const std::vector<ExprPtr>& list, size_t from, std::string* out) {
  for (size_t i = from; i < list.size(); ++i) {
    if (i > from) out->append(", ");
    AppendPtr(list[i], out);
  }
}

void AppendWindow(const WindowSpec& window, std::string* out) {
  out->append(" over (");
  bool space = false;
  if (!window.partition_by.empty()) {
    out->append("partition by ");
    AppendList(window.partition_by, 0, out);
    space = true;
  }
  if (!window.order_by.empty()) {
    if (space) out->push_back(' ');
    out->append("order by ");
    for (size_t i = 0; i < window.order_by.size(); ++i) {
      if (i > 0) out->append(", ");
      AppendPtr(window.order_by[i], out);
      if (i < window.order_desc.size() && window.order_desc[i]) out->append(" desc");
    }
    space = true;
  }
  if (!window.frame.empty()) {
    if (space) out->push_back(' ');
    out->append(window.frame);
  }
  out->push_back(')');
}

// ARRAY/FIRST/OBJECT ... FOR bindings [WHEN cond] END; `when` is args[when_index] if present.
void AppendForTail(const Expr& expr, size_t when_index, std::string* out) {
  out->append(" for ");
  AppendBindings(expr.bindings, out);
  if (when_index < expr.args.size() && expr.args[when_index]) {
    out->append(" when ");
    Append(*expr.args[when_index], out);
  }
  out->append(" end");
}

// The expression before a path's `.`: a number there is parenthesised, as `1.b` would read back
// as the number `1.` followed by `b` (found by parser_fuzzer).
void AppendPathBase(const ExprPtr& base, std::string* out) {
  const bool number = base && base->kind == ExprKind::kLiteral && base->value.IsNumber();
  if (number) out->push_back('(');
  AppendPtr(base, out);
  if (number) out->push_back(')');
}

void Append(const Expr& expr, std::string* out) {
  const auto& a = expr.args;
  switch (expr.kind) {
    case ExprKind::kLiteral:
      if (expr.value.IsMissing()) {
        out->append("missing");
      } else {
        AppendJson(expr.value, out);
      }
      return;
    case ExprKind::kIdentifier:
      AppendIdentifier(expr.name, out);
      return;
    case ExprKind::kField:
      out->push_back('(');
      AppendPathBase(a[0], out);
      out->push_back('.');
      AppendIdentifier(expr.name, out);
      out->push_back(')');
      return;
    case ExprKind::kDynamicField:
      out->push_back('(');
      AppendPathBase(a[0], out);
      out->append(".[");
      AppendPtr(a[1], out);
      out->append("])");
      return;
    case ExprKind::kElement:
      out->push_back('(');
      AppendPtr(a[0], out);
      out->push_back('[');
      AppendPtr(a[1], out);
      out->append("])");
      return;
    case ExprKind::kSlice:
      out->push_back('(');
      AppendPtr(a[0], out);
      out->push_back('[');
      AppendPtr(a[1], out);
      out->append(" : ");
      if (a.size() > 2) AppendPtr(a[2], out);
      out->append("])");
      return;
    case ExprKind::kParameter:
      out->push_back('$');
      out->append(expr.name.empty() ? std::to_string(expr.position) : expr.name);
      return;
    case ExprKind::kUnary: {
      if (expr.op == ExprOp::kNot) {
        out->append("(not ");
        AppendPtr(a[0], out);
      } else {
        const size_t start = out->size();
        out->append("(-");
        AppendPtr(a[0], out);
        // "--" would start a comment when the operand is a negative number.
        if (out->size() > start + 2 && (*out)[start + 2] == '-') out->insert(start + 2, 1, ' ');
      }
      out->push_back(')');
      return;
    }
    case ExprKind::kBinary:
      out->push_back('(');
      AppendPtr(a[0], out);
      out->append(BinaryOperator(expr.op));
      AppendPtr(a[1], out);
      if (a.size() > 2 && a[2]) {
        out->append(" escape ");
        AppendPtr(a[2], out);
      }
      out->push_back(')');
      return;
    case ExprKind::kBetween:
      out->push_back('(');
      AppendPtr(a[0], out);
      out->append(expr.negated ? " not between " : " between ");
      AppendPtr(a[1], out);
      out->append(" and ");
      AppendPtr(a[2], out);
      out->push_back(')');
      return;
    case ExprKind::kIs:
      out->push_back('(');
      AppendPtr(a[0], out);
      out->append(expr.negated ? " is not " : " is ");
      out->append(IsWhatName(expr.is_what));
      out->push_back(')');
      return;
    case ExprKind::kExists:
      out->append("(exists ");
      AppendPtr(a[0], out);
      out->push_back(')');
      return;
    case ExprKind::kCase:
      out->append("case");
      if (a[0]) {
        out->push_back(' ');
        Append(*a[0], out);
      }
      for (size_t i = 1; i + 1 < a.size(); i += 2) {
        out->append(" when ");
        AppendPtr(a[i], out);
        out->append(" then ");
        AppendPtr(a[i + 1], out);
      }
      if (expr.else_expr) {
        out->append(" else ");
        Append(*expr.else_expr, out);
      }
      out->append(" end");
      return;
    case ExprKind::kFunction:
      out->append(expr.name);
      out->push_back('(');
      if (expr.distinct) out->append("distinct ");
      if (expr.star) {
        out->push_back('*');
      } else {
        AppendList(a, 0, out);
      }
      out->push_back(')');
      if (expr.window) AppendWindow(*expr.window, out);
      return;
    case ExprKind::kArrayConstruct:
      out->push_back('[');
      AppendList(a, 0, out);
      out->push_back(']');
      return;
    case ExprKind::kObjectConstruct:
      out->push_back('{');
      for (size_t i = 0; i + 1 < a.size(); i += 2) {
        if (i > 0) out->append(", ");
        AppendPtr(a[i], out);
        out->append(": ");
        AppendPtr(a[i + 1], out);
      }
      out->push_back('}');
      return;
    case ExprKind::kCollectionPred:
      out->append(QuantifierName(expr.quantifier));
      AppendBindings(expr.bindings, out);
      out->append(" satisfies ");
      AppendPtr(a[0], out);
      out->append(" end");
      return;
    case ExprKind::kArrayFor:
      out->append(expr.distinct ? "distinct array " : "array ");
      AppendPtr(a[0], out);
      AppendForTail(expr, 1, out);
      return;
    case ExprKind::kFirstFor:
      out->append("first ");
      AppendPtr(a[0], out);
      AppendForTail(expr, 1, out);
      return;
    case ExprKind::kObjectFor:
      out->append("object ");
      AppendPtr(a[0], out);
      out->append(" : ");
      AppendPtr(a[1], out);
      AppendForTail(expr, 2, out);
      return;
    case ExprKind::kSubquery:
      out->push_back('(');
      if (expr.subquery) out->append(ToString(*expr.subquery));
      out->push_back(')');
      return;
  }
}

}  // namespace

std::string ToString(const Expr& expr) {
  std::string out;
  Append(expr, &out);
  return out;
}

}  // namespace casql::ast
