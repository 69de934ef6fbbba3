// UPDATE, DELETE, INSERT and UPSERT plans, laid out as Couchbase's build_update.go /
// build_delete.go / build_insert.go do (reference §3.2).
#include "planner/build_internal.h"
#include "planner/ops/clone.h"
#include "planner/ops/fetch.h"
#include "planner/ops/filter.h"
#include "planner/ops/initial_project.h"
#include "planner/ops/let.h"
#include "planner/ops/limit.h"
#include "planner/ops/parallel.h"
#include "planner/ops/send_delete.h"
#include "planner/ops/send_insert.h"
#include "planner/ops/send_update.h"
#include "planner/ops/sequence.h"
#include "planner/ops/set.h"
#include "planner/ops/unset.h"
#include "planner/ops/value_scan.h"

namespace casql::plan {

namespace {

// One constant key in USE KEYS: Couchbase runs the write pipeline with maxParallelism 1.
int ParallelismFor(const ast::UseClause& use) {
  return use.keys && use.keys->kind == ast::ExprKind::kLiteral && use.keys->value.IsString() ? 1
                                                                                             : 0;
}

// Formalizes a SET/UNSET term's FOR clause: the arrays in the statement's scope, and the
// path, value and WHEN with the FOR variables in scope too. Returns the inner scope.
Scope FormalizeUpdateFor(std::shared_ptr<ast::UpdateFor>* clause, const Scope& scope) {
  if (!*clause) return scope;
  auto copy = std::make_shared<ast::UpdateFor>(**clause);
  Scope inner = scope;
  for (auto& level : copy->levels) {
    for (auto& binding : level) {
      binding.expr = Formalize(binding.expr, inner);
      inner.variables.push_back(binding.var);
      if (!binding.name_var.empty()) inner.variables.push_back(binding.name_var);
    }
  }
  copy->when = Formalize(copy->when, inner);
  *clause = copy;
  return inner;
}

// LET of UPDATE/DELETE: evaluated right after Fetch, so its bindings see the document as read
// (and keep those values in RETURNING, after the write). Adds the variables to `scope`.
Result<OperatorPtr> BuildLet(const std::vector<ast::LetBinding>& let, Scope* scope) {
  if (let.empty()) return OperatorPtr();
  std::vector<ast::LetBinding> bindings = let;
  for (auto& b : bindings) {
    b.expr = Formalize(b.expr, *scope);
    CASQL_RETURN_IF_ERROR(scope->AddVariable(b.var));
  }
  return OperatorPtr(std::make_shared<Let>(std::move(bindings)));
}

OperatorPtr ParallelSequence(std::vector<OperatorPtr> ops, int parallelism) {
  return std::make_shared<Parallel>(std::make_shared<Sequence>(std::move(ops)), parallelism);
}

// The read half of UPDATE and DELETE: the keyspace's scan, then per document Fetch, LET and
// the WHERE Filter. `scope` ends with the keyspace alias and the LET variables.
struct DmlRead {
  BoundKeyspace keyspace;
  Scope scope;
  OperatorPtr scan;
  std::vector<OperatorPtr> per_document;
};

Result<DmlRead> BuildDmlRead(const ast::KeyspaceRef& ref, const ast::UseClause& use,
                             const std::vector<ast::LetBinding>& let, const ast::ExprPtr& where,
                             const PlanContext& context) {
  auto keyspace = BindKeyspace(ref, context);
  if (!keyspace.ok()) return keyspace.status();
  DmlRead read;
  read.keyspace = *keyspace;
  read.scope.keyspace_aliases.push_back(keyspace->alias);
  auto scan = BuildKeyspaceScan(*keyspace, use, read.scope, context);
  if (!scan.ok()) return scan.status();
  read.scan = *scan;
  read.per_document.push_back(
      std::make_shared<Fetch>(keyspace->path, keyspace->alias, keyspace->written_alias));
  auto bound = BuildLet(let, &read.scope);
  if (!bound.ok()) return bound.status();
  if (*bound) read.per_document.push_back(*bound);
  if (where) {
    read.per_document.push_back(
        std::make_shared<Filter>(Formalize(where, read.scope), keyspace->alias));
  }
  return read;
}

// INSERT and UPSERT's per-row operators: SendInsert, then RETURNING's projection.
std::vector<OperatorPtr> SendWithReturning(std::shared_ptr<SendInsert> send,
                                           const ast::Projection& returning,
                                           const std::string& alias) {
  send->returning = !returning.terms.empty();
  std::vector<OperatorPtr> ops{send};
  if (send->returning) {
    Scope scope;
    scope.keyspace_aliases.push_back(alias);
    ops.push_back(Returning(returning, scope));
  }
  return ops;
}

}  // namespace

OperatorPtr Returning(const ast::Projection& returning, const Scope& scope) {
  auto project = std::make_shared<InitialProject>(FormalizeProjection(returning, scope));
  project->discard_original = true;
  project->preserve_order = true;
  return project;
}

Result<OperatorPtr> BuildUpdate(const ast::UpdateStatement& update, const PlanContext& context) {
  auto built = BuildDmlRead(update.keyspace, update.use, update.let, update.where, context);
  if (!built.ok()) return built.status();
  const BoundKeyspace& keyspace = built->keyspace;
  const Scope& scope = built->scope;
  std::vector<OperatorPtr> read = std::move(built->per_document);
  std::vector<OperatorPtr> write;
  write.push_back(std::make_shared<Clone>());
  if (!update.set.empty()) {
    std::vector<ast::SetTerm> terms = update.set;
    for (auto& term : terms) {
      const Scope inner = FormalizeUpdateFor(&term.update_for, scope);
      term.path = Formalize(term.path, inner);
      term.value = Formalize(term.value, inner);
    }
    write.push_back(std::make_shared<Set>(std::move(terms)));
  }
  if (!update.unset.empty()) {
    std::vector<ast::UnsetTerm> terms = update.unset;
    for (auto& term : terms) {
      const Scope inner = FormalizeUpdateFor(&term.update_for, scope);
      term.path = Formalize(term.path, inner);
    }
    write.push_back(std::make_shared<Unset>(std::move(terms)));
  }
  auto send = std::make_shared<SendUpdate>(keyspace.path, keyspace.alias);
  send->returning = !update.returning.terms.empty();
  send->limit = update.limit;
  write.push_back(send);
  if (send->returning) write.push_back(Returning(update.returning, scope));

  const int parallelism = ParallelismFor(update.use);
  if (update.limit) {
    // The limit counts qualifying documents, so it sits between the read and write halves.
    std::vector<OperatorPtr> limited;
    limited.push_back(ParallelSequence(std::move(read), parallelism));
    limited.push_back(std::make_shared<Limit>(update.limit));
    limited.push_back(ParallelSequence(std::move(write), parallelism));
    return OperatorPtr(std::make_shared<Sequence>(
        std::vector<OperatorPtr>{built->scan, std::make_shared<Sequence>(std::move(limited))}));
  }
  for (auto& op : write) read.push_back(op);
  return OperatorPtr(std::make_shared<Sequence>(
      std::vector<OperatorPtr>{built->scan, ParallelSequence(std::move(read), parallelism)}));
}

Result<OperatorPtr> BuildDelete(const ast::DeleteStatement& del, const PlanContext& context) {
  auto built = BuildDmlRead(del.keyspace, del.use, del.let, del.where, context);
  if (!built.ok()) return built.status();
  std::vector<OperatorPtr> ops = std::move(built->per_document);
  std::vector<OperatorPtr> top{built->scan};
  if (del.limit) {
    top.push_back(ParallelSequence(std::move(ops), 0));
    top.push_back(std::make_shared<Limit>(del.limit));
    ops.clear();
  }
  auto send = std::make_shared<SendDelete>(built->keyspace.path, built->keyspace.alias);
  send->returning = !del.returning.terms.empty();
  send->limit = del.limit;
  ops.push_back(send);
  if (send->returning) ops.push_back(Returning(del.returning, built->scope));
  top.push_back(ParallelSequence(std::move(ops), ParallelismFor(del.use)));
  return OperatorPtr(std::make_shared<Sequence>(std::move(top)));
}

namespace {

// INSERT|UPSERT INTO ks (KEY k, VALUE v [, OPTIONS o]) SELECT ...: the SELECT's plan feeds
// SendInsert, which evaluates k, v and o over each result row.
Result<OperatorPtr> BuildInsertSelect(const ast::InsertStatement& insert,
                                      const BoundKeyspace& keyspace, const PlanContext& context) {
  auto select = BuildSelect(*insert.select, context);
  if (!select.ok()) return select.status();
  Scope source;
  source.keyspace_aliases.push_back(kInsertSourceAlias);
  auto send = std::make_shared<SendInsert>(keyspace.path, keyspace.alias, insert.upsert);
  send->key = Formalize(insert.key_expr, source);
  send->value = Formalize(insert.value_expr, source);
  send->options = Formalize(insert.options_expr, source);
  return OperatorPtr(std::make_shared<Sequence>(std::vector<OperatorPtr>{
      select.value()->root,
      ParallelSequence(SendWithReturning(send, insert.returning, keyspace.alias), 0)}));
}

}  // namespace

Result<OperatorPtr> BuildInsert(const ast::InsertStatement& insert, const PlanContext& context) {
  auto keyspace = BindKeyspace(insert.keyspace, context);
  if (!keyspace.ok()) return keyspace.status();
  if (insert.select) return BuildInsertSelect(insert, *keyspace, context);
  Scope values_scope;  // VALUES expressions see no keyspace
  std::vector<ast::InsertValues> values = insert.values;
  for (auto& v : values) {
    v.key = Formalize(v.key, values_scope);
    v.value = Formalize(v.value, values_scope);
    v.options = Formalize(v.options, values_scope);
  }
  auto send = std::make_shared<SendInsert>(keyspace->path, keyspace->alias, insert.upsert);
  auto scan = std::make_shared<ValueScan>(std::move(values));
  scan->upsert = insert.upsert;
  return OperatorPtr(std::make_shared<Sequence>(std::vector<OperatorPtr>{
      scan, ParallelSequence(SendWithReturning(send, insert.returning, keyspace->alias), 0)}));
}

}  // namespace casql::plan
