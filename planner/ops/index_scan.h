#pragma once

#include "planner/catalog.h"
#include "planner/operator.h"

namespace casql::plan {

// One range over the leading key of an index. Bounds are expressions evaluated when the
// scan starts, so one plan serves every value of a query parameter; a null bound is open.
struct IndexRange {
  ast::ExprPtr low;
  ast::ExprPtr high;
  bool low_inclusive = false;
  bool high_inclusive = false;
  // Couchbase's inclusion number: 0 neither end, 1 low, 2 high, 3 both.
  int Inclusion() const { return (low_inclusive ? 1 : 0) | (high_inclusive ? 2 : 0); }
};

// Produces the keys of the documents whose index entries fall in `spans`, in index order
// (IndexScan3). A covering scan also binds a document holding just the indexed fields, so
// no Fetch follows it.
class IndexScan final : public Operator {
 public:
  IndexScan(KeyspacePath keyspace_in, std::string written_alias_in, IndexInfo index_in)
      : Operator(OpKind::kIndexScan),
        keyspace(std::move(keyspace_in)),
        written_alias(std::move(written_alias_in)),
        index(std::move(index_in)) {}
  const char* Name() const override { return "IndexScan3"; }

  KeyspacePath keyspace;
  std::string written_alias;
  IndexInfo index;  // keys renamed to the query's alias
  std::vector<IndexRange> spans;
  bool exact = false;  // the spans alone decide the predicate they came from
  // Covering scans: the alias the partial document is bound to, and the covered expressions
  // (the index keys that are plain field paths, then META(alias).id) for EXPLAIN.
  bool covering = false;
  std::string alias;
  std::vector<ast::ExprPtr> covers;
  // Pushed LIMIT and OFFSET (null: not pushed), only over exact spans: the scan skips
  // `offset` entries and yields at most `limit` more.
  ast::ExprPtr limit;
  ast::ExprPtr offset;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
