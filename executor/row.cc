#include "executor/row.h"

namespace casql::exec {

const Value& Row::Var(size_t slot) const {
  static const Value kMissing{};
  return slot < vars.size() ? vars[slot] : kMissing;
}

}  // namespace casql::exec
