// MERGE INTO target USING source ON ... WHEN [NOT] MATCHED THEN ...:
// Sequence[<source as a FROM term>, [join of the target], Parallel{Sequence[Merge,
// InitialProject]}]. The source is planned exactly as a FROM term (a keyspace scan and Fetch, a
// subquery and Alias, or an ExpressionScan). The lookup form, ON KEY k, leaves the target to Merge,
// which reads the document named by k. The ANSI form, ON cond, is the source LEFT OUTER JOIN the
// target ON cond, planned as a SELECT's join would be: each joined row is a match, and a
// source row that joined nothing arrives with the target MISSING and is not matched.
#include "planner/build_internal.h"
#include "planner/ops/merge.h"
#include "planner/ops/parallel.h"
#include "planner/ops/sequence.h"

namespace casql::plan {

namespace {

// Couchbase's semantic rules for the INSERT action: the lookup form takes the key from
// ON KEY, so INSERT may not name one (3150); the ANSI form has no key to take, so INSERT
// must name one (3160).
Status CheckInsertKey(const ast::MergeStatement& merge) {
  if (!merge.has_insert) return Status::OK();
  if (merge.on_keys && merge.insert.key) {
    return Status(ErrorCode::kMergeInsertNoKey, FormatError(ErrorCode::kMergeInsertNoKey, {}));
  }
  if (!merge.on_keys && !merge.insert.key) {
    return Status(ErrorCode::kMergeInsertMissingKey,
                  FormatError(ErrorCode::kMergeInsertMissingKey, {}));
  }
  if (!merge.insert.value) {
    return Status(ErrorCode::kSemantics, "MERGE ... WHEN NOT MATCHED THEN INSERT needs a value");
  }
  return Status::OK();
}

// The FROM clause MERGE reads: the source, and for the ANSI form the outer join of the target.
ast::FromClause SourceAndTarget(const ast::MergeStatement& merge) {
  ast::FromClause from;
  from.first = merge.source;
  if (!merge.on_keys) {
    ast::FromJoin join;
    join.kind = ast::JoinKind::kJoin;
    join.outer = true;
    join.right.kind = ast::FromSource::Kind::kKeyspace;
    join.right.keyspace = merge.target;
    join.on = merge.on;
    from.joins.push_back(std::move(join));
  }
  return from;
}

}  // namespace

Result<OperatorPtr> BuildMerge(const ast::MergeStatement& merge, const PlanContext& context) {
  auto target = BindKeyspace(merge.target, context);
  if (!target.ok()) return target.status();
  CASQL_RETURN_IF_ERROR(CheckInsertKey(merge));
  const ast::FromSource& source = merge.source;
  if (source.kind != ast::FromSource::Kind::kKeyspace && source.alias.empty()) {
    return Status(ErrorCode::kSemantics, "MERGE source that is not a keyspace needs an alias");
  }

  const ast::FromClause from = SourceAndTarget(merge);
  std::vector<std::string> aliases;
  CASQL_RETURN_IF_ERROR(FromAliases(from, context, Scope{}, &aliases));
  const std::string& source_alias = aliases.front();
  if (source_alias == target->alias) {
    return Status(ErrorCode::kDuplicateAlias,
                  FormatError(ErrorCode::kDuplicateAlias, {source_alias}));
  }
  Scope source_only;
  source_only.keyspace_aliases.push_back(source_alias);
  Scope both;
  both.keyspace_aliases = {source_alias, target->alias};

  std::vector<OperatorPtr> children;
  // The source's whole row is read by the actions, so its scan is never covering.
  const std::vector<ast::ExprPtr> whole_source{ast::MakeIdentifier(source_alias)};
  CASQL_RETURN_IF_ERROR(BuildFrom(from, nullptr, whole_source, nullptr, context, both, &children));

  auto op = std::make_shared<Merge>(target->path, target->alias);
  op->source_alias = source_alias;
  if (merge.on_keys) {
    auto key = FormalizeChecked(merge.on, source_only);
    if (!key.ok()) return key.status();
    op->key = *key;
  } else {
    auto on = FormalizeChecked(merge.on, both);
    if (!on.ok()) return on.status();
    op->on = *on;
  }
  // With two aliases in scope an unqualified name is ambiguous (3080): the actions' names
  // must be qualified.
  auto both_checked = [&both](const ast::ExprPtr& expr, ast::ExprPtr* out) -> Status {
    auto formal = FormalizeChecked(expr, both);
    if (!formal.ok()) return formal.status();
    *out = *formal;
    return Status::OK();
  };
  op->has_update = merge.has_update;
  op->update_set = merge.update_set;
  for (auto& term : op->update_set) {
    CASQL_RETURN_IF_ERROR(both_checked(term.path, &term.path));
    CASQL_RETURN_IF_ERROR(both_checked(term.value, &term.value));
  }
  op->update_unset = merge.update_unset;
  for (auto& term : op->update_unset) CASQL_RETURN_IF_ERROR(both_checked(term.path, &term.path));
  CASQL_RETURN_IF_ERROR(both_checked(merge.update_where, &op->update_where));
  op->has_delete = merge.has_delete;
  CASQL_RETURN_IF_ERROR(both_checked(merge.delete_where, &op->delete_where));
  op->has_insert = merge.has_insert;
  op->insert_key = Formalize(merge.insert.key, source_only);
  op->insert_value = Formalize(merge.insert.value, source_only);
  op->insert_options = Formalize(merge.insert.options, source_only);
  op->insert_where = Formalize(merge.insert_where, source_only);
  op->limit = merge.limit;
  op->returning = !merge.returning.terms.empty();

  std::vector<OperatorPtr> per_row{op};
  if (op->returning) {
    Scope scope;
    scope.keyspace_aliases.push_back(target->alias);
    per_row.push_back(Returning(merge.returning, scope));
  }
  children.push_back(std::make_shared<Parallel>(std::make_shared<Sequence>(std::move(per_row)), 0));
  return OperatorPtr(std::make_shared<Sequence>(std::move(children)));
}

}  // namespace casql::plan
