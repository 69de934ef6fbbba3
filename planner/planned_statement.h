#pragma once

#include <memory>
#include <string>
#include <vector>

#include "parser/ast/statement.h"
#include "planner/operator.h"
#include "value/value.h"

namespace casql::plan {

// One entry of EXPLAIN's `~subqueries`: a subquery of the statement's expressions, its
// canonical text (the SELECT without its parentheses) and its plan.
struct ExplainedSubquery {
  std::string text;
  OperatorPtr plan;
  bool correlated = false;
};

// The result of planning one statement: the immutable operator tree plus what the service
// needs to run and answer it. Shared by every execution of the statement.
struct PlannedStatement {
  OperatorPtr root;
  ast::StatementPtr statement;
  bool is_mutation = false;
  bool is_explain = false;  // root is the inner statement's plan; the result is that plan
  // EXPLAIN only: the inner statement's subqueries (explain_subqueries.h).
  std::vector<ExplainedSubquery> subqueries;
  // The response `signature`: an object of projection names to types, "json", or null.
  Value signature;
  // EXECUTE ... USING: an array or object literal whose values replace the request's
  // parameters when the statement runs.
  ast::ExprPtr using_args;
};

using PlanPtr = std::shared_ptr<const PlannedStatement>;

// Result names of a projection as N1QL assigns them: the alias, else the last field name of
// a path, else the identifier, else "$1", "$2"... by position among the unnamed terms.
// Star terms have no name (empty string).
std::vector<std::string> ProjectionNames(const ast::Projection& projection);

}  // namespace casql::plan
