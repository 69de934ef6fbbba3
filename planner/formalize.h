#pragma once

#include <string>
#include <vector>

#include "parser/ast/expression.h"
#include "value/status.h"

namespace casql::plan {

// Names an expression may refer to: the keyspace aliases of the FROM clause and LET/FOR
// variables. Couchbase "formalizes" expressions against them before planning: an
// unqualified name that is not one of them is a field of the single keyspace in scope
// (`Id` in `UPDATE b SET ... WHERE Id = '19'` means `b.Id`), and META() without an
// argument means META(<that keyspace>).
struct Scope {
  std::vector<std::string> keyspace_aliases;
  std::vector<std::string> variables;

  bool Knows(const std::string& name) const;
  // Binds a LET or LETTING variable (a GROUP BY alias is one). Couchbase's formalizer refuses
  // a name already in scope (a FROM alias, a WITH name, an earlier binding, a name of an
  // enclosing statement) with 3081 rather than letting it shadow the other.
  Status AddVariable(const std::string& name);
  // The alias unqualified fields belong to: the only keyspace alias, or empty.
  std::string DefaultAlias() const;
};

// A copy of `expr` with names resolved against `scope`; the input tree is left untouched
// (parsed trees may be shared by cached plans).
ast::ExprPtr Formalize(const ast::ExprPtr& expr, const Scope& scope);

// Formalize, plus the checks Couchbase makes while formalizing a query with several FROM
// terms: an unqualified name that is no alias or variable is ambiguous (3080), and META()
// needs its argument (3100).
Result<ast::ExprPtr> FormalizeChecked(const ast::ExprPtr& expr, const Scope& scope);

}  // namespace casql::plan
