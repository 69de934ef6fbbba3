#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parser/ast/statement.h"

// Helpers shared by the expression and statement printers.
namespace casql::ast {

// `name` back-quoted, with embedded back quotes doubled so the text parses back to `name`.
void AppendIdentifier(std::string_view name, std::string* out);
inline std::string QuoteIdentifier(std::string_view name) {
  std::string out;
  AppendIdentifier(name, &out);
  return out;
}

// Pieces of statements that several statement kinds print the same way.
void AppendKeyspace(const KeyspaceRef& keyspace, std::string* out);  // path and AS alias
void AppendUse(const UseClause& use, std::string* out);              // " USE ..." or nothing
void AppendLet(const char* keyword, const std::vector<LetBinding>& let, std::string* out);
void AppendProjection(const Projection& projection, std::string* out);
void AppendClause(const char* keyword, const ExprPtr& expr, std::string* out);  // " WHERE e"
void AppendFromSource(const FromSource& source, std::string* out);

}  // namespace casql::ast
