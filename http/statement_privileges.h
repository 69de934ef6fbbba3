#pragma once

#include <vector>

#include "http/auth.h"
#include "planner/planned_statement.h"

namespace casql::http {

// What a planned statement does and where, read from its operator tree (joins, set operations,
// FROM and WITH subqueries included): a keyspace written by SendUpdate/SendInsert/SendDelete
// needs query_update/query_insert (UPSERT: query_insert and query_update, as in
// Couchbase)/query_delete, MERGE the roles of its actions; a keyspace only read (scans,
// Fetch, lookup joins) needs query_select; index DDL needs query_manage_index; bucket, scope
// and collection DDL needs admin. EXPLAIN needs what its statement needs. Expressions without
// a keyspace (SELECT 1) need nothing.
std::vector<RequiredPrivilege> StatementPrivileges(const plan::PlannedStatement& plan);

// The keyspace a DML statement writes, if any (metrics attribute mutations to it).
std::optional<plan::KeyspacePath> MutatedKeyspace(const plan::PlannedStatement& plan);

}  // namespace casql::http
