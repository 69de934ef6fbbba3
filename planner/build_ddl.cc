#include "planner/build_internal.h"
#include "planner/ops/create_index.h"
#include "planner/ops/create_primary_index.h"
#include "planner/ops/drop_index.h"
#include "planner/ops/keyspace_ddl.h"

namespace casql::plan {

namespace {

Result<KeyspacePath> IndexKeyspace(const ast::KeyspaceRef& ref, const PlanContext& context) {
  auto path = ResolveKeyspace(ref, context.query_context);
  if (!path.ok()) return path.status();
  if (path->is_system) {
    return Status(ErrorCode::kSemantics, "Indexes cannot be created or dropped on " +
                                             path->FullName() + ": it is a system keyspace");
  }
  CASQL_RETURN_IF_ERROR(CheckKeyspace(*context.catalog, *path));
  return path;
}

Result<OperatorPtr> BuildCreateIndex(const ast::CreateIndexStatement& index,
                                     const PlanContext& context) {
  auto path = IndexKeyspace(index.keyspace, context);
  if (!path.ok()) return path.status();
  if (index.primary) {
    return OperatorPtr(std::make_shared<CreatePrimaryIndex>(
        *path, index.name.empty() ? "#primary" : index.name, index.if_not_exists));
  }
  if (!index.using_.empty() && index.using_ != "gsi") {
    return Status(ErrorCode::kSemantics,
                  "Only USING GSI indexes are supported by this version of casql");
  }
  // Keys are stored formalized against the keyspace's implicit alias; queries rename it.
  IndexInfo info;
  info.name = index.name;
  info.alias = std::string(path->LastPart());
  Scope scope;
  scope.keyspace_aliases.push_back(info.alias);
  for (const auto& key : index.keys) {
    info.keys.push_back(Formalize(key.expr, scope));
    info.desc.push_back(key.desc);
  }
  info.where = Formalize(index.where, scope);
  return OperatorPtr(std::make_shared<CreateIndex>(*path, std::move(info), index.if_not_exists));
}

}  // namespace

Result<OperatorPtr> BuildDdl(const ast::Statement& statement, const PlanContext& context) {
  const auto& body = statement.body;
  if (const auto* ddl = std::get_if<ast::KeyspaceDdlStatement>(&body)) {
    if (!ddl->ns.empty() && ddl->ns != "default") {
      return Status(ErrorCode::kNamespaceNotFound,
                    FormatError(ErrorCode::kNamespaceNotFound, {ddl->ns}));
    }
    return OperatorPtr(std::make_shared<KeyspaceDdl>(*ddl));
  }
  if (const auto* index = std::get_if<ast::CreateIndexStatement>(&body)) {
    return BuildCreateIndex(*index, context);
  }
  if (const auto* drop = std::get_if<ast::DropIndexStatement>(&body)) {
    auto path = IndexKeyspace(drop->keyspace, context);
    if (!path.ok()) return path.status();
    std::string name = drop->name;
    if (drop->primary && name.empty()) name = "#primary";
    return OperatorPtr(std::make_shared<DropIndex>(*path, name, drop->primary, drop->if_exists));
  }
  return Status(
      ErrorCode::kSemantics,
      "This statement is not supported by this version of casql: " + ast::ToString(statement));
}

}  // namespace casql::plan
