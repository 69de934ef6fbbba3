// libFuzzer target: any input must parse or fail with a 3000 status, never crash, hang or
// throw; whatever parses must print to text that parses back to an equal tree.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "parser/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  casql::Result<casql::ast::StatementPtr> statement = casql::ParseStatement(text);
  if (statement.ok()) {
    const std::string printed = casql::ast::ToString(**statement);
    casql::Result<casql::ast::StatementPtr> again = casql::ParseStatement(printed);
    if (!again.ok() || !(**again == **statement)) std::abort();
  } else if (statement.status().code() != 3000) {
    std::abort();
  }
  casql::Result<casql::ast::ExprPtr> expr = casql::ParseExpression(text);
  if (expr.ok()) {
    casql::Result<casql::ast::ExprPtr> again = casql::ParseExpression(casql::ast::ToString(**expr));
    if (!again.ok() || !(**again == **expr)) std::abort();
  }
  return 0;
}
