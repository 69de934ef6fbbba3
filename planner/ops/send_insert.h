#pragma once

#include "planner/operator.h"

namespace casql::plan {

// INSERT ... SELECT evaluates KEY/VALUE/OPTIONS over each SELECT result row: unqualified names
// are that row's fields, formalized against this name (which no written identifier can be,
// `$` starting a parameter).
inline constexpr const char* kInsertSourceAlias = "$select";

// Writes each row's (key, value) as a new document (INSERT: KV ADD, an existing key is
// error 12009 with cause 17012) or unconditionally (UPSERT: KV SET, last writer wins).
class SendInsert final : public Operator {
 public:
  SendInsert(KeyspacePath keyspace_in, std::string alias_in, bool upsert_in)
      : Operator(OpKind::kSendInsert),
        keyspace(std::move(keyspace_in)),
        alias(std::move(alias_in)),
        upsert(upsert_in) {}
  // Couchbase shows UPSERT as its own operator.
  const char* Name() const override { return upsert ? "SendUpsert" : "SendInsert"; }

  KeyspacePath keyspace;
  std::string alias;
  bool upsert = false;
  bool returning = false;
  ast::ExprPtr key;
  ast::ExprPtr value;
  ast::ExprPtr options;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
