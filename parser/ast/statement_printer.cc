// Canonical text of every statement other than SELECT (see select_printer.cc).
#include <string>
#include <type_traits>

#include "parser/ast/printer_util.h"
#include "parser/ast/statement.h"

namespace casql::ast {
namespace {

void AppendReturning(const Projection& returning, std::string* out) {
  if (returning.terms.empty()) return;
  out->append(" RETURNING ");
  AppendProjection(returning, out);
}

void AppendUpdateFor(const std::shared_ptr<UpdateFor>& update_for, std::string* out) {
  if (!update_for) return;
  for (const std::vector<Binding>& level : update_for->levels) {
    out->append(" FOR ");
    for (size_t i = 0; i < level.size(); ++i) {
      if (i > 0) out->append(", ");
      if (!level[i].name_var.empty()) {
        AppendIdentifier(level[i].name_var, out);
        out->append(" : ");
      }
      AppendIdentifier(level[i].var, out);
      out->append(level[i].within ? " WITHIN " : " IN ");
      out->append(ToString(level[i].expr));
    }
  }
  AppendClause("WHEN", update_for->when, out);
  out->append(" END");
}

// SET/UNSET targets in the path syntax the grammar takes there (`a`.`b`[0], meta(`t`).`x`),
// not in the parenthesised expression form.
void AppendTargetPath(const ExprPtr& path, std::string* out) {
  if (!path) return;
  switch (path->kind) {
    case ExprKind::kField:
      AppendTargetPath(path->args[0], out);
      out->push_back('.');
      AppendIdentifier(path->name, out);
      return;
    case ExprKind::kElement:
    case ExprKind::kDynamicField:
      AppendTargetPath(path->args[0], out);
      out->append(path->kind == ExprKind::kElement ? "[" : ".[");
      out->append(ToString(path->args[1]));
      out->push_back(']');
      return;
    default:
      out->append(ToString(*path));
      return;
  }
}

void AppendSetUnset(const std::vector<SetTerm>& set, const std::vector<UnsetTerm>& unset,
                    std::string* out) {
  for (size_t i = 0; i < set.size(); ++i) {
    out->append(i == 0 ? " SET " : ", ");
    AppendTargetPath(set[i].path, out);
    out->append(" = ");
    out->append(ToString(set[i].value));
    AppendUpdateFor(set[i].update_for, out);
  }
  for (size_t i = 0; i < unset.size(); ++i) {
    out->append(i == 0 ? " UNSET " : ", ");
    AppendTargetPath(unset[i].path, out);
    AppendUpdateFor(unset[i].update_for, out);
  }
}

void AppendKeyValue(const InsertValues& values, std::string* out) {
  out->append("(KEY ");
  out->append(ToString(values.key));
  if (values.value) {
    out->append(", VALUE ");
    out->append(ToString(values.value));
  }
  if (values.options) {
    out->append(", OPTIONS ");
    out->append(ToString(values.options));
  }
  out->push_back(')');
}

void AppendUsing(const std::string& using_, std::string* out) {
  if (using_.empty()) return;
  out->append(" USING ");
  for (char c : using_) out->push_back(static_cast<char>(std::toupper(c)));
}

void AppendPath(const std::string& ns, const std::vector<std::string>& path, std::string* out) {
  if (!ns.empty()) {
    AppendIdentifier(ns, out);
    out->push_back(':');
  }
  for (size_t i = 0; i < path.size(); ++i) {
    if (i > 0) out->push_back('.');
    AppendIdentifier(path[i], out);
  }
}

void Print(const SelectStatement& s, std::string* out) {
  out->append(ToString(s));
}

void Print(const InsertStatement& s, std::string* out) {
  out->append(s.upsert ? "UPSERT INTO " : "INSERT INTO ");
  AppendKeyspace(s.keyspace, out);
  if (s.select) {
    out->push_back(' ');
    AppendKeyValue(InsertValues{s.key_expr, s.value_expr, s.options_expr}, out);
    out->push_back(' ');
    out->append(ToString(*s.select));
  } else {
    bool options = false;
    for (const InsertValues& v : s.values) options = options || v.options != nullptr;
    out->append(options ? " (KEY, VALUE, OPTIONS) VALUES " : " (KEY, VALUE) VALUES ");
    for (size_t i = 0; i < s.values.size(); ++i) {
      if (i > 0) out->append(", ");
      out->push_back('(');
      out->append(ToString(s.values[i].key));
      out->append(", ");
      out->append(ToString(s.values[i].value));
      if (s.values[i].options) {
        out->append(", ");
        out->append(ToString(s.values[i].options));
      }
      out->push_back(')');
    }
  }
  AppendReturning(s.returning, out);
}

void Print(const UpdateStatement& s, std::string* out) {
  out->append("UPDATE ");
  AppendKeyspace(s.keyspace, out);
  AppendUse(s.use, out);
  AppendLet("LET", s.let, out);
  AppendSetUnset(s.set, s.unset, out);
  AppendClause("WHERE", s.where, out);
  AppendClause("LIMIT", s.limit, out);
  AppendReturning(s.returning, out);
}

void Print(const DeleteStatement& s, std::string* out) {
  out->append("DELETE FROM ");
  AppendKeyspace(s.keyspace, out);
  AppendUse(s.use, out);
  AppendLet("LET", s.let, out);
  AppendClause("WHERE", s.where, out);
  AppendClause("LIMIT", s.limit, out);
  AppendReturning(s.returning, out);
}

void Print(const MergeStatement& s, std::string* out) {
  out->append("MERGE INTO ");
  AppendKeyspace(s.target, out);
  out->append(" USING ");
  AppendFromSource(s.source, out);
  out->append(s.on_keys ? " ON KEY " : " ON ");
  out->append(ToString(s.on));
  if (s.has_update) {
    out->append(" WHEN MATCHED THEN UPDATE");
    AppendSetUnset(s.update_set, s.update_unset, out);
    AppendClause("WHERE", s.update_where, out);
  }
  if (s.has_delete) {
    out->append(" WHEN MATCHED THEN DELETE");
    AppendClause("WHERE", s.delete_where, out);
  }
  if (s.has_insert) {
    out->append(" WHEN NOT MATCHED THEN INSERT ");
    if (s.insert.key) {
      AppendKeyValue(s.insert, out);
    } else {
      out->append(ToString(s.insert.value));
    }
    AppendClause("WHERE", s.insert_where, out);
  }
  AppendClause("LIMIT", s.limit, out);
  AppendReturning(s.returning, out);
}

void Print(const CreateIndexStatement& s, std::string* out) {
  out->append(s.primary ? "CREATE PRIMARY INDEX" : "CREATE INDEX");
  if (!s.name.empty()) {
    out->push_back(' ');
    AppendIdentifier(s.name, out);
  }
  if (s.if_not_exists) out->append(" IF NOT EXISTS");
  out->append(" ON ");
  AppendKeyspace(s.keyspace, out);
  if (!s.primary) {
    out->push_back('(');
    for (size_t i = 0; i < s.keys.size(); ++i) {
      if (i > 0) out->append(", ");
      out->append(ToString(s.keys[i].expr));
      if (s.keys[i].desc) out->append(" DESC");
    }
    out->push_back(')');
    AppendClause("WHERE", s.where, out);
  }
  AppendUsing(s.using_, out);
  AppendClause("WITH", s.with, out);
}

void Print(const DropIndexStatement& s, std::string* out) {
  out->append(s.primary ? "DROP PRIMARY INDEX" : "DROP INDEX");
  if (!s.name.empty()) {
    out->push_back(' ');
    AppendIdentifier(s.name, out);
  }
  if (s.if_exists) out->append(" IF EXISTS");
  out->append(" ON ");
  AppendKeyspace(s.keyspace, out);
  AppendUsing(s.using_, out);
}

void Print(const KeyspaceDdlStatement& s, std::string* out) {
  using Action = KeyspaceDdlStatement::Action;
  switch (s.action) {
    case Action::kCreateBucket:
      out->append(s.if_not_exists ? "CREATE BUCKET IF NOT EXISTS " : "CREATE BUCKET ");
      AppendPath(s.ns, s.path, out);
      return;
    case Action::kDropBucket:
      out->append(s.if_exists ? "DROP BUCKET IF EXISTS " : "DROP BUCKET ");
      AppendPath(s.ns, s.path, out);
      return;
    case Action::kCreateScope:
    case Action::kCreateCollection:
      out->append(s.action == Action::kCreateScope ? "CREATE SCOPE " : "CREATE COLLECTION ");
      AppendPath(s.ns, s.path, out);
      if (s.if_not_exists) out->append(" IF NOT EXISTS");
      return;
    case Action::kDropScope:
    case Action::kDropCollection:
      out->append(s.action == Action::kDropScope ? "DROP SCOPE " : "DROP COLLECTION ");
      AppendPath(s.ns, s.path, out);
      if (s.if_exists) out->append(" IF EXISTS");
      return;
  }
}

void Print(const ExplainStatement& s, std::string* out) {
  out->append("EXPLAIN ");
  if (s.inner) out->append(ToString(*s.inner));
}

void Print(const PrepareStatement& s, std::string* out) {
  out->append(s.force ? "PREPARE FORCE " : "PREPARE ");
  if (!s.name.empty()) {
    AppendIdentifier(s.name, out);
    out->append(" FROM ");
  }
  // The text as written, so that re-parsing reproduces inner_text exactly.
  out->append(s.inner_text);
}

void Print(const ExecuteStatement& s, std::string* out) {
  out->append("EXECUTE ");
  out->append(ToString(s.name));
  AppendClause("USING", s.using_args, out);
}

void Print(const TransactionStatement& s, std::string* out) {
  using Action = TransactionStatement::Action;
  switch (s.action) {
    case Action::kBegin:
      out->append("BEGIN WORK");
      return;
    case Action::kCommit:
      out->append("COMMIT WORK");
      return;
    case Action::kRollback:
      out->append("ROLLBACK WORK");
      if (!s.savepoint.empty()) {
        out->append(" TO SAVEPOINT ");
        AppendIdentifier(s.savepoint, out);
      }
      return;
    case Action::kSavepoint:
      out->append("SAVEPOINT ");
      AppendIdentifier(s.savepoint, out);
      return;
    case Action::kSetIsolation:
      out->append("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
      return;
  }
}

void Print(const InferStatement& s, std::string* out) {
  out->append("INFER ");
  AppendKeyspace(s.keyspace, out);
  AppendClause("WITH", s.with, out);
}

}  // namespace

std::string ToString(const Statement& statement) {
  std::string out;
  std::visit([&out](const auto& body) { Print(body, &out); }, statement.body);
  return out;
}

}  // namespace casql::ast
