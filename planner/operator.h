#pragma once

#include <memory>
#include <string>
#include <vector>

#include "parser/ast/statement.h"
#include "planner/keyspace_path.h"
#include "value/value.h"

namespace casql::plan {

// Every physical operator kind; the executor switches on it to build the running pipeline.
enum class OpKind : uint8_t {
  kSequence,
  kParallel,
  kDummyScan,
  kKeyScan,
  kPrimaryScan,
  kValueScan,
  kFetch,
  kFilter,
  kInitialProject,
  kOrder,
  kOffset,
  kLimit,
  kClone,
  kSet,
  kUnset,
  kSendUpdate,
  kSendInsert,
  kSendDelete,
  kMerge,
  kKeyspaceDdl,
  kCreatePrimaryIndex,
  kCreateIndex,
  kDropIndex,
  kIndexScan,
  kExpressionScan,
  kAlias,
  kLet,
  kUnnest,
  kJoin,
  kNest,
  kNestedLoopJoin,
  kNestedLoopNest,
  kHashJoin,
  kInitialGroup,
  kIntermediateGroup,
  kFinalGroup,
  kDistinct,
  kUnionAll,
  kIntersectAll,
  kExceptAll,
  kWith,
  kPrepare,
};

// A node of an immutable plan. Plans are built once and may be shared by concurrent
// executions (prepared statements, the plan cache): all per-execution state lives in the
// executor's operators, never here. Each operator serialises itself for EXPLAIN with
// Couchbase's field names.
class Operator {
 public:
  explicit Operator(OpKind kind) : kind_(kind) {}
  virtual ~Operator() = default;
  Operator(const Operator&) = delete;
  Operator& operator=(const Operator&) = delete;

  OpKind kind() const { return kind_; }
  // The "#operator" name, e.g. "PrimaryScan3".
  virtual const char* Name() const = 0;
  // {"#operator": Name(), ...fields}; field order is normalised by the EXPLAIN writer.
  Value Explain() const;

  // Checked downcast: the kind tag, not RTTI, decides.
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

 protected:
  virtual void ExplainFields(Object* out) const = 0;

 private:
  OpKind kind_;
};

using OperatorPtr = std::shared_ptr<const Operator>;

// Keyspace fields as Couchbase's marshalKeyspace writes them: namespace, keyspace (last path
// element), bucket and scope for collection paths, and `as` when an alias was written.
void ExplainKeyspace(const KeyspacePath& path, const std::string& alias, Object* out);

std::string ExprText(const ast::ExprPtr& expr);
// An array of the expressions' texts.
Value ExprTexts(const std::vector<ast::ExprPtr>& exprs);
// LET/WITH bindings as Couchbase writes them: [{"expr": ..., "var": ...}].
Value ExplainBindings(const std::vector<ast::LetBinding>& bindings);

// The `path_for` object of a SET/UNSET term with FOR: its bindings as text and its WHEN.
Value ExplainUpdateFor(const ast::UpdateFor& clause);

}  // namespace casql::plan
