#pragma once

#include "planner/operator.h"
#include "planner/planned_statement.h"

namespace casql::plan {

// PREPARE [name FROM|AS] statement: registers the statement's plan under `name` (generated
// when empty) and answers with the prepared statement's description.
class Prepare final : public Operator {
 public:
  Prepare(std::string name_in, std::string text_in, std::string query_context_in,
          ast::StatementPtr statement_in, PlanPtr prepared_in, uint64_t catalog_version_in)
      : Operator(OpKind::kPrepare),
        name(std::move(name_in)),
        text(std::move(text_in)),
        query_context(std::move(query_context_in)),
        statement(std::move(statement_in)),
        prepared(std::move(prepared_in)),
        catalog_version(catalog_version_in) {}
  const char* Name() const override { return "Prepare"; }

  std::string name;
  std::string text;
  std::string query_context;
  ast::StatementPtr statement;
  PlanPtr prepared;
  uint64_t catalog_version = 0;

 protected:
  void ExplainFields(Object* out) const override;
};

}  // namespace casql::plan
