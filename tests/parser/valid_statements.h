#pragma once

#include <string_view>
#include <vector>

namespace casql::testing {

// Statements that must parse, one or more per grammar feature. Each is also checked for
// parse(print(ast)) == ast.
const std::vector<std::string_view>& ValidStatements();

}  // namespace casql::testing
