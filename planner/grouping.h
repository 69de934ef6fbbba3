#pragma once

#include <string>
#include <vector>

#include "parser/ast/expression.h"
#include "value/status.h"

namespace casql::plan {

// True for the aggregate functions (COUNT, SUM, AVG, MIN, MAX, ARRAY_AGG, COUNTN, MEDIAN,
// STDDEV*, VARIANCE*, MEAN) when called without OVER.
bool IsAggregateCall(const ast::Expr& expr);
bool HasAggregate(const ast::ExprPtr& expr);
// Appends the aggregate calls of `expr` not already in `out` (compared structurally), in the
// order they appear; subqueries keep their own aggregates.
void CollectAggregates(const ast::ExprPtr& expr, std::vector<ast::ExprPtr>* out);

// What a term after GROUP BY may read: the group key expressions and these variables
// (LETTING variables, result aliases, names from enclosing statements).
struct GroupContext {
  std::vector<ast::ExprPtr> keys;
  std::vector<std::string> variables;
};

// 4210 "Expression «e» must depend only on group keys or aggregates." for the outermost
// sub-expression of `expr` that reads a document field outside the group keys.
Status CheckGrouped(const ast::ExprPtr& expr, const GroupContext& group);

}  // namespace casql::plan
