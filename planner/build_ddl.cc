#include "planner/build_internal.h"
#include "planner/ops/create_primary_index.h"
#include "planner/ops/keyspace_ddl.h"

namespace casql::plan {

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
    if (!index->primary) {
      return Status(ErrorCode::kSemantics,
                    "Secondary indexes are not supported by this version of casql");
    }
    auto path = ResolveKeyspace(index->keyspace, context.query_context);
    if (!path.ok()) return path.status();
    CASQL_RETURN_IF_ERROR(CheckKeyspace(*context.catalog, *path));
    return OperatorPtr(std::make_shared<CreatePrimaryIndex>(
        *path, index->name.empty() ? "#primary" : index->name, index->if_not_exists));
  }
  return Status(
      ErrorCode::kSemantics,
      "This statement is not supported by this version of casql: " + ast::ToString(statement));
}

}  // namespace casql::plan
