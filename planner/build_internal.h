#pragma once

// Shared by the per-statement builders of the planner; not part of its public interface.

#include "planner/formalize.h"
#include "planner/planner.h"

namespace casql::plan {

struct BoundKeyspace {
  KeyspacePath path;
  std::string alias;          // explicit alias or the implicit last path part
  std::string written_alias;  // only what the statement wrote
};

Result<BoundKeyspace> BindKeyspace(const ast::KeyspaceRef& ref, const PlanContext& context);

// The scan that yields a keyspace's document keys: KeyScan for USE KEYS, else the primary
// index; 4000 "No index available ..." when the keyspace has none.
Result<OperatorPtr> BuildKeyspaceScan(const BoundKeyspace& keyspace, const ast::UseClause& use,
                                      const Scope& scope, const PlanContext& context);

ast::Projection FormalizeProjection(const ast::Projection& projection, const Scope& scope);
Value ProjectionSignature(const ast::Projection& projection);

Result<PlanPtr> BuildSelect(const ast::SelectStatement& select, const PlanContext& context);
Result<OperatorPtr> BuildUpdate(const ast::UpdateStatement& update, const PlanContext& context);
Result<OperatorPtr> BuildInsert(const ast::InsertStatement& insert, const PlanContext& context);
Result<OperatorPtr> BuildDelete(const ast::DeleteStatement& del, const PlanContext& context);
Result<OperatorPtr> BuildMerge(const ast::MergeStatement& merge, const PlanContext& context);
Result<OperatorPtr> BuildDdl(const ast::Statement& statement, const PlanContext& context);

}  // namespace casql::plan
