#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "parser/ast/statement.h"
#include "planner/planned_statement.h"
#include "value/status.h"

namespace casql::plan {

class Catalog;

// The named prepared statements of one server: PREPARE adds them, EXECUTE and the `prepared`
// request parameter run them, system:prepareds lists them. A name is unique within a
// query_context, as in Couchbase. An entry keeps its statement as well as its plan: when the
// catalog has moved on since the plan was made (an index created or dropped) the statement is
// planned again on its next use, as Couchbase re-prepares on a metadata change.
//
// It belongs to the Datastore rather than to a static: every prepared plan refers to one
// store's keyspaces and indexes, and several stores live in one process under the regression
// runner and the tests. A server process has one Datastore, hence one registry.
//
// Thread safety: all methods may be called concurrently; entries are immutable once added
// except for their use counter.
class PreparedRegistry {
 public:
  struct Prepared {
    std::string name;
    std::string query_context;
    std::string text;             // the PREPARE statement
    ast::StatementPtr statement;  // the statement prepared
    PlanPtr plan;                 // its plan, made against `catalog_version`
    uint64_t catalog_version = 0;
    mutable std::atomic<int64_t> uses{0};
  };
  using PreparedPtr = std::shared_ptr<const Prepared>;

  // Registers `prepared`. A name registered in the same query_context for another statement
  // text is 4060 "Unable to add name: duplicate name: «name»"; the same text replaces the
  // entry (PREPARE repeated, as Couchbase allows).
  Status Add(std::shared_ptr<Prepared> prepared);

  // The plan of a prepared statement for execution, planned again when the catalog changed;
  // counts a use. 4040 "No such prepared statement: «name»" when there is none.
  Result<PlanPtr> PlanFor(const std::string& name, const std::string& query_context,
                          const Catalog& catalog);

  std::vector<PreparedPtr> List() const;

  // A fresh name for PREPARE without one (a random UUID, as Couchbase generates).
  static std::string NewName();

 private:
  static std::string Key(const std::string& name, const std::string& query_context);

  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<const Prepared>> entries_;
};

}  // namespace casql::plan
