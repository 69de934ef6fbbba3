// Canonical text of SELECT statements and of the clauses DML statements share with them.
// Keywords are upper-case, names back-quoted, expressions as ToString(Expr) prints them.
#include <string>

#include "parser/ast/printer_util.h"
#include "parser/ast/statement.h"

namespace casql::ast {

void AppendClause(const char* keyword, const ExprPtr& expr, std::string* out) {
  if (!expr) return;
  out->push_back(' ');
  out->append(keyword);
  out->push_back(' ');
  out->append(ToString(*expr));
}

void AppendKeyspace(const KeyspaceRef& keyspace, std::string* out) {
  if (keyspace.expr) {
    out->append(ToString(*keyspace.expr));
  } else {
    if (!keyspace.ns.empty()) {
      AppendIdentifier(keyspace.ns, out);
      out->push_back(':');
    }
    for (size_t i = 0; i < keyspace.path.size(); ++i) {
      if (i > 0) out->push_back('.');
      AppendIdentifier(keyspace.path[i], out);
    }
  }
  if (!keyspace.alias.empty()) {
    out->append(" AS ");
    AppendIdentifier(keyspace.alias, out);
  }
}

void AppendUse(const UseClause& use, std::string* out) {
  if (!use.keys && use.indexes.empty() && use.join_hint.empty()) return;
  out->append(" USE");
  if (use.keys) {
    out->append(use.validate_keys ? " KEYS VALIDATE " : " KEYS ");
    out->append(ToString(*use.keys));
  }
  if (!use.indexes.empty()) {
    out->append(" INDEX (");
    for (size_t i = 0; i < use.indexes.size(); ++i) {
      if (i > 0) out->append(", ");
      const IndexRef& ref = use.indexes[i];
      if (!ref.name.empty()) AppendIdentifier(ref.name, out);
      if (!ref.using_.empty()) {
        if (!ref.name.empty()) out->push_back(' ');
        out->append("USING ");
        for (char c : ref.using_) out->push_back(static_cast<char>(std::toupper(c)));
      }
    }
    out->push_back(')');
  }
  if (use.join_hint == "nl") {
    out->append(" NL");
  } else if (use.join_hint == "hash_build") {
    out->append(" HASH(BUILD)");
  } else if (use.join_hint == "hash_probe") {
    out->append(" HASH(PROBE)");
  }
}

void AppendLet(const char* keyword, const std::vector<LetBinding>& let, std::string* out) {
  if (let.empty()) return;
  out->push_back(' ');
  out->append(keyword);
  for (size_t i = 0; i < let.size(); ++i) {
    out->append(i > 0 ? ", " : " ");
    AppendIdentifier(let[i].var, out);
    out->append(" = ");
    out->append(ToString(let[i].expr));
  }
}

void AppendProjection(const Projection& projection, std::string* out) {
  if (projection.distinct) out->append("DISTINCT ");
  if (projection.raw) out->append("RAW ");
  for (size_t i = 0; i < projection.terms.size(); ++i) {
    if (i > 0) out->append(", ");
    const ResultTerm& term = projection.terms[i];
    // A number before `.*` is parenthesised: `1.*` would read back as the number `1.` times
    // whatever follows (found by parser_fuzzer).
    const bool number = term.expr && term.star && term.expr->kind == ExprKind::kLiteral &&
                        term.expr->value.IsNumber();
    if (number) out->push_back('(');
    if (term.expr) out->append(ToString(*term.expr));
    if (number) out->push_back(')');
    if (term.star) out->append(term.expr ? ".*" : "*");
    if (!term.alias.empty()) {
      out->append(" AS ");
      AppendIdentifier(term.alias, out);
    }
  }
}

void AppendFromSource(const FromSource& source, std::string* out) {
  switch (source.kind) {
    case FromSource::Kind::kKeyspace:
      AppendKeyspace(source.keyspace, out);
      break;
    case FromSource::Kind::kExpression:
      out->append(ToString(source.expr));
      break;
    case FromSource::Kind::kSubquery:
      out->push_back('(');
      if (source.subquery) out->append(ToString(*source.subquery));
      out->push_back(')');
      break;
  }
  if (source.kind != FromSource::Kind::kKeyspace && !source.alias.empty()) {
    out->append(" AS ");
    AppendIdentifier(source.alias, out);
  }
  AppendUse(source.use, out);
}

namespace {

void AppendJoin(const FromJoin& join, std::string* out) {
  out->append(join.outer ? " LEFT OUTER " : " ");
  if (join.kind == JoinKind::kUnnest) {
    out->append("UNNEST ");
    out->append(ToString(join.right.expr));
    if (!join.right.alias.empty()) {
      out->append(" AS ");
      AppendIdentifier(join.right.alias, out);
    }
    return;
  }
  out->append(join.kind == JoinKind::kNest ? "NEST " : "JOIN ");
  AppendFromSource(join.right, out);
  if (join.on_keys) {
    out->append(" ON KEYS ");
    out->append(ToString(*join.on_keys));
  } else if (join.on_key) {
    out->append(" ON KEY ");
    out->append(ToString(*join.on_key));
    out->append(" FOR ");
    AppendIdentifier(join.for_alias, out);
  } else {
    AppendClause("ON", join.on, out);
  }
}

void AppendBlock(const SelectBlock& block, std::string* out) {
  out->append("SELECT ");
  AppendProjection(block.projection, out);
  if (block.from) {
    out->append(" FROM ");
    AppendFromSource(block.from->first, out);
    for (const FromJoin& join : block.from->joins) AppendJoin(join, out);
  }
  AppendLet("LET", block.let, out);
  AppendClause("WHERE", block.where, out);
  if (!block.group_by.empty()) {
    out->append(" GROUP BY ");
    for (size_t i = 0; i < block.group_by.size(); ++i) {
      if (i > 0) out->append(", ");
      out->append(ToString(block.group_by[i]));
    }
  }
  AppendLet("LETTING", block.letting, out);
  AppendClause("HAVING", block.having, out);
}

void AppendTerm(const SelectTerm& term, std::string* out) {
  if (term.block) {
    AppendBlock(*term.block, out);
  } else if (term.subquery) {
    out->push_back('(');
    out->append(ToString(*term.subquery));
    out->push_back(')');
  }
}

const char* SetOpName(SetOp op) {
  switch (op) {
    case SetOp::kUnion:
      return " UNION ";
    case SetOp::kIntersect:
      return " INTERSECT ";
    case SetOp::kExcept:
      return " EXCEPT ";
  }
  return " UNION ";
}

}  // namespace

std::string ToString(const SelectStatement& select) {
  std::string out;
  for (size_t i = 0; i < select.with.size(); ++i) {
    const WithBinding& with = select.with[i];
    if (i == 0) out.append(with.recursive ? "WITH RECURSIVE " : "WITH ");
    if (i > 0) out.append(", ");
    AppendIdentifier(with.alias, &out);
    out.append(" AS ");
    // A subquery prints its own parentheses; anything else needs them here.
    const bool parens = !with.expr || with.expr->kind != ExprKind::kSubquery;
    if (parens) out.push_back('(');
    out.append(ToString(with.expr));
    if (parens) out.push_back(')');
    if (with.options) out.append(" OPTIONS " + ToString(with.options));
  }
  if (!select.with.empty()) out.push_back(' ');
  AppendTerm(select.first, &out);
  for (const SetOperation& op : select.set_ops) {
    out.append(SetOpName(op.op));
    if (op.all) out.append("ALL ");
    AppendTerm(op.right, &out);
  }
  if (!select.order_by.empty()) {
    out.append(" ORDER BY ");
    for (size_t i = 0; i < select.order_by.size(); ++i) {
      if (i > 0) out.append(", ");
      const OrderTerm& term = select.order_by[i];
      out.append(ToString(term.expr));
      if (term.desc) out.append(" DESC");
      if (term.nulls == NullsOrder::kFirst) out.append(" NULLS FIRST");
      if (term.nulls == NullsOrder::kLast) out.append(" NULLS LAST");
    }
  }
  AppendClause("LIMIT", select.limit, &out);
  AppendClause("OFFSET", select.offset, &out);
  return out;
}

}  // namespace casql::ast
