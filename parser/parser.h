#pragma once

#include <string_view>

#include "parser/ast/expression.h"
#include "parser/ast/statement.h"
#include "value/status.h"

namespace casql {

// Statements longer than this are rejected before parsing.
inline constexpr size_t kMaxStatementBytes = 1 << 20;

// Parses one SQL++ statement (an optional trailing ';' is allowed). Errors are code 3000 with
// Couchbase's text: "syntax error - line L, column C, near '<text>', at: <token>" (or
// "at end of input"). Never throws and never writes to stdout/stderr. Thread-safe.
Result<ast::StatementPtr> ParseStatement(std::string_view text);

// Parses a single expression (used by tests and by `args` that carry expressions).
Result<ast::ExprPtr> ParseExpression(std::string_view text);

}  // namespace casql
