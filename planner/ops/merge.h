#pragma once

#include "planner/operator.h"

namespace casql::plan {

// MERGE INTO target USING source ON KEY k: for each source row, the target document with key
// k is read; when it exists the WHEN MATCHED action applies (UPDATE written back with the CAS
// just read, as UPDATE does, or DELETE), otherwise WHEN NOT MATCHED INSERT (KV ADD).
class Merge final : public Operator {
 public:
  Merge(KeyspacePath keyspace_in, std::string alias_in)
      : Operator(OpKind::kMerge), keyspace(std::move(keyspace_in)), alias(std::move(alias_in)) {}
  const char* Name() const override { return "Merge"; }

  KeyspacePath keyspace;
  std::string alias;                // the target's alias
  std::string source_alias;         // the source rows' alias
  bool source_is_subquery = false;  // source rows arrive as SELECT results, not documents
  ast::ExprPtr key;                 // the target key, over the source row

  bool has_update = false;
  std::vector<ast::SetTerm> update_set;
  std::vector<ast::UnsetTerm> update_unset;
  ast::ExprPtr update_where;

  bool has_delete = false;
  ast::ExprPtr delete_where;

  bool has_insert = false;
  ast::ExprPtr insert_key;  // null: the ON KEY value
  ast::ExprPtr insert_value;
  ast::ExprPtr insert_options;
  ast::ExprPtr insert_where;

  ast::ExprPtr limit;
  bool returning = false;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
