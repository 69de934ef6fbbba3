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

// PREPARE and EXECUTE (build_prepared.cc).
Result<PlanPtr> BuildPrepare(const ast::StatementPtr& statement, const PlanContext& context);
Result<PlanPtr> BuildExecute(const ast::StatementPtr& statement, const PlanContext& context);

Result<BoundKeyspace> BindKeyspace(const ast::KeyspaceRef& ref, const PlanContext& context);

// The scan that yields a keyspace's document keys: KeyScan for USE KEYS, else the primary
// index; 4000 "No index available ..." when the keyspace has none.
Result<OperatorPtr> BuildKeyspaceScan(const BoundKeyspace& keyspace, const ast::UseClause& use,
                                      const Scope& scope, const PlanContext& context);

// LIMIT and OFFSET a statement allows its scan to apply itself, as Couchbase pushes them into
// PrimaryScan3 and IndexScan3. The scan builder pushes both or neither, and sets `pushed`:
// the statement then leaves out its Offset operator (the scan already skipped those rows).
struct ScanPagination {
  ast::ExprPtr limit;
  ast::ExprPtr offset;
  bool pushed = false;
};

// The access path of one keyspace term: KeyScan for USE KEYS or a `META(alias).id = / IN`
// predicate of `where`, else IndexScan3 on a secondary index whose leading key `where`
// constrains (covering when `used` only reads the index's keys), else PrimaryScan3.
// `where` and `used` are formalized; `used` is every expression of the query. `pagination`
// (may be null) is pushed into the scan when the scan alone decides which rows reach the
// LIMIT: a primary scan with no `where`, or an index scan whose spans are exact.
struct AccessPath {
  OperatorPtr scan;
  bool covering = false;  // no Fetch needed
};
Result<AccessPath> BuildAccessPath(const BoundKeyspace& keyspace, const ast::UseClause& use,
                                   const ast::ExprPtr& where, const std::vector<ast::ExprPtr>& used,
                                   const Scope& scope, const PlanContext& context,
                                   ScanPagination* pagination);

// The conjuncts of an AND tree.
void SplitConjuncts(const ast::ExprPtr& expr, std::vector<ast::ExprPtr>* out);
// True when `expr` refers to `alias` anywhere (outside subqueries).
bool RefersTo(const ast::ExprPtr& expr, const std::string& alias);
// A copy of `expr` with the identifier `from` renamed to `to`.
ast::ExprPtr RenameAlias(const ast::ExprPtr& expr, const std::string& from, const std::string& to);

// A SELECT statement's plan: its root, the result names of its (first) projection, and the
// response signature.
struct SelectPlan {
  OperatorPtr root;
  std::vector<std::string> names;
  Value signature;
  // A block's ORDER BY, formalized in its scope; the statement places the Order operator.
  std::vector<ast::OrderTerm> order;
};
// WITH RECURSIVE name AS (anchor UNION [ALL] step): one set operation, no ORDER BY or
// LIMIT over it (a recursive binding without that shape is an ordinary one).
bool IsRecursiveUnion(const ast::SelectStatement& select);
// `outer` holds the names visible from enclosing statements (WITH bindings).
Result<SelectPlan> PlanSelect(const ast::SelectStatement& select, const PlanContext& context,
                              const Scope& outer);
// One SELECT block, with the ORDER BY (formalized in the block's scope) and the LIMIT and
// OFFSET its scan may apply (null: none).
Result<SelectPlan> PlanSelectBlock(const ast::SelectBlock& block,
                                   const std::vector<ast::OrderTerm>& order_by,
                                   ScanPagination* pagination, const PlanContext& context,
                                   const Scope& outer);
// The FROM clause's operators, appended to `ops`: scans, Fetch, joins, nests and unnests.
// `scope` must already hold every FROM alias (FromAliases); join conditions are formalized
// against the terms before them. `pagination` (may be null) is offered to the first term's
// access path.
Status BuildFrom(const ast::FromClause& from, const ast::ExprPtr& where,
                 const std::vector<ast::ExprPtr>& used, ScanPagination* pagination,
                 const PlanContext& context, const Scope& scope, std::vector<OperatorPtr>* ops);
// The aliases FROM introduces, in order, checked for duplicates (4020).
Status FromAliases(const ast::FromClause& from, const PlanContext& context, const Scope& outer,
                   std::vector<std::string>* aliases);

ast::Projection FormalizeProjection(const ast::Projection& projection, const Scope& scope);
// A DML statement's RETURNING: the projection of each written document, in write order.
OperatorPtr Returning(const ast::Projection& returning, const Scope& scope);
Value ProjectionSignature(const ast::Projection& projection);

Result<PlanPtr> BuildSelect(const ast::SelectStatement& select, const PlanContext& context);
Result<OperatorPtr> BuildUpdate(const ast::UpdateStatement& update, const PlanContext& context);
Result<OperatorPtr> BuildInsert(const ast::InsertStatement& insert, const PlanContext& context);
Result<OperatorPtr> BuildDelete(const ast::DeleteStatement& del, const PlanContext& context);
Result<OperatorPtr> BuildMerge(const ast::MergeStatement& merge, const PlanContext& context);
Result<OperatorPtr> BuildDdl(const ast::Statement& statement, const PlanContext& context);

}  // namespace casql::plan
