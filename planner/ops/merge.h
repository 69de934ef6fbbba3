#pragma once

#include "planner/operator.h"

namespace casql::plan {

// MERGE INTO target USING source ON KEY k | ON cond. Lookup form (ON KEY): for each source
// row the target document with key k is read. ANSI form (ON cond): the input rows are the
// source LEFT OUTER JOIN the target, so the target arrives already read, or MISSING when the
// source row matched nothing. On a match the WHEN MATCHED action applies (UPDATE written back
// with the CAS read, as UPDATE does, or DELETE); otherwise WHEN NOT MATCHED INSERT (KV ADD).
class Merge final : public Operator {
 public:
  Merge(KeyspacePath keyspace_in, std::string alias_in)
      : Operator(OpKind::kMerge), keyspace(std::move(keyspace_in)), alias(std::move(alias_in)) {}
  const char* Name() const override { return "Merge"; }

  KeyspacePath keyspace;
  std::string alias;         // the target's alias
  std::string source_alias;  // the source rows' alias, bound by the input operators
  ast::ExprPtr key;          // lookup form: the target key, over the source row
  ast::ExprPtr on;           // ANSI form: the join condition, re-checked when a CAS retry re-reads

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
