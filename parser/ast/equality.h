#pragma once

#include <memory>
#include <vector>

#include "parser/ast/expression.h"

// Deep comparison helpers shared by the AST's operator== definitions.
namespace casql::ast {

template <typename T>
bool DeepEqual(const std::shared_ptr<T>& a, const std::shared_ptr<T>& b) {
  return a == b || (a && b && *a == *b);
}

inline bool DeepEqual(const std::vector<ExprPtr>& a, const std::vector<ExprPtr>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!DeepEqual(a[i], b[i])) return false;
  }
  return true;
}

}  // namespace casql::ast
