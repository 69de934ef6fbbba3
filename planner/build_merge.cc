// MERGE INTO target USING source ON KEY k WHEN [NOT] MATCHED THEN ...:
// Sequence[<source: scan + Fetch, or a SELECT plan>, Parallel{Sequence[Merge, InitialProject]}].
#include "planner/build_internal.h"
#include "planner/ops/fetch.h"
#include "planner/ops/initial_project.h"
#include "planner/ops/merge.h"
#include "planner/ops/parallel.h"
#include "planner/ops/sequence.h"

namespace casql::plan {

namespace {

Status Unsupported(const std::string& what) {
  return Status(ErrorCode::kSemantics, what + " is not supported by this version of casql");
}

// ANSI MERGE is supported when its ON clause names the target's key: META(t).id = expr.
ast::ExprPtr KeyOfAnsiOn(const ast::ExprPtr& on, const std::string& target_alias) {
  if (!on || on->kind != ast::ExprKind::kBinary || on->op != ast::ExprOp::kEq) return nullptr;
  auto is_target_id = [&](const ast::ExprPtr& e) {
    return e->kind == ast::ExprKind::kField && e->name == "id" &&
           e->args[0]->kind == ast::ExprKind::kFunction && e->args[0]->name == "meta" &&
           (e->args[0]->args.empty() || (e->args[0]->args[0]->kind == ast::ExprKind::kIdentifier &&
                                         e->args[0]->args[0]->name == target_alias));
  };
  if (is_target_id(on->args[0])) return on->args[1];
  if (is_target_id(on->args[1])) return on->args[0];
  return nullptr;
}

}  // namespace

Result<OperatorPtr> BuildMerge(const ast::MergeStatement& merge, const PlanContext& context) {
  auto target = BindKeyspace(merge.target, context);
  if (!target.ok()) return target.status();

  std::vector<OperatorPtr> children;
  std::string source_alias;
  bool from_subquery = false;
  const ast::FromSource& source = merge.source;
  if (source.kind == ast::FromSource::Kind::kKeyspace) {
    auto bound = BindKeyspace(source.keyspace, context);
    if (!bound.ok()) return bound.status();
    source_alias = bound->alias;
    Scope source_scope;
    source_scope.keyspace_aliases.push_back(source_alias);
    auto scan = BuildKeyspaceScan(*bound, source.use, source_scope, context);
    if (!scan.ok()) return scan.status();
    children.push_back(*scan);
    children.push_back(std::make_shared<Fetch>(bound->path, bound->alias, bound->written_alias));
  } else if (source.kind == ast::FromSource::Kind::kSubquery) {
    if (source.alias.empty()) return Status(ErrorCode::kSemantics, "MERGE source needs an alias");
    auto select = BuildSelect(*source.subquery, context);
    if (!select.ok()) return select.status();
    children.push_back(select.value()->root);
    source_alias = source.alias;
    from_subquery = true;
  } else {
    return Unsupported("A MERGE source that is an expression");
  }
  if (source_alias == target->alias) {
    return Status(ErrorCode::kDuplicateAlias,
                  FormatError(ErrorCode::kDuplicateAlias, {source_alias}));
  }

  Scope source_only;
  source_only.keyspace_aliases.push_back(source_alias);
  Scope both;
  both.keyspace_aliases = {source_alias, target->alias};
  ast::ExprPtr key = merge.on_keys ? merge.on : KeyOfAnsiOn(merge.on, target->alias);
  if (!key) {
    return Unsupported("A MERGE ON clause other than ON KEY expr or ON META(target).id = expr");
  }

  auto op = std::make_shared<Merge>(target->path, target->alias);
  op->source_alias = source_alias;
  op->source_is_subquery = from_subquery;
  op->key = Formalize(key, source_only);
  // With two aliases in scope nothing is formalized implicitly: names must be qualified.
  op->has_update = merge.has_update;
  op->update_set = merge.update_set;
  for (auto& term : op->update_set) {
    term.path = Formalize(term.path, both);
    term.value = Formalize(term.value, both);
  }
  op->update_unset = merge.update_unset;
  for (auto& term : op->update_unset) term.path = Formalize(term.path, both);
  op->update_where = Formalize(merge.update_where, both);
  op->has_delete = merge.has_delete;
  op->delete_where = Formalize(merge.delete_where, both);
  op->has_insert = merge.has_insert;
  op->insert_key = Formalize(merge.insert.key, source_only);
  op->insert_value = Formalize(merge.insert.value, source_only);
  op->insert_options = Formalize(merge.insert.options, source_only);
  op->insert_where = Formalize(merge.insert_where, source_only);
  op->limit = merge.limit;
  op->returning = !merge.returning.terms.empty();
  if (op->has_insert && !op->insert_value) {
    return Status(ErrorCode::kSemantics, "MERGE ... WHEN NOT MATCHED THEN INSERT needs a value");
  }

  std::vector<OperatorPtr> per_row{op};
  if (op->returning) {
    Scope scope;
    scope.keyspace_aliases.push_back(target->alias);
    auto project = std::make_shared<InitialProject>(FormalizeProjection(merge.returning, scope));
    project->discard_original = true;
    project->preserve_order = true;
    per_row.push_back(project);
  }
  children.push_back(std::make_shared<Parallel>(std::make_shared<Sequence>(std::move(per_row)), 0));
  return OperatorPtr(std::make_shared<Sequence>(std::move(children)));
}

}  // namespace casql::plan
