#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "parser/ast/expression.h"

namespace casql::ast {

// A keyspace as written: `b`, `ns:b`, `b.s.c`, `ns:b.s.c`, `s.c` (resolved against the
// request's query_context by the planner), or a parameter/expression (`$ks`).
struct KeyspaceRef {
  std::string ns;                 // empty when not written
  std::vector<std::string> path;  // 1 to 3 parts, backticks removed
  ExprPtr expr;                   // dynamic keyspace (parameter), path empty then
  std::string alias;              // AS alias, empty when not written
  bool operator==(const KeyspaceRef& other) const;
};

struct IndexRef {
  std::string name;
  std::string using_;  // "gsi", "fts" or empty
  bool operator==(const IndexRef& other) const;
};

// USE KEYS / USE INDEX / join hints of a keyspace term.
struct UseClause {
  ExprPtr keys;  // USE [PRIMARY] KEYS expr
  bool validate_keys = false;
  std::vector<IndexRef> indexes;  // USE INDEX (...)
  std::string join_hint;          // "hash_build", "hash_probe", "nl" or empty
  bool operator==(const UseClause& other) const;
};

struct LetBinding {
  std::string var;
  ExprPtr expr;
  bool operator==(const LetBinding& other) const;
};

struct ResultTerm {
  ExprPtr expr;       // null for a bare `*`
  std::string alias;  // AS alias, empty when not written
  bool star = false;  // `*` (expr null) or `expr.*`
  // Where Couchbase points when an error names the term (1-based, 0 when unknown): the AS
  // keyword, else the alias, else the term's last token for a name or path (`c.title` points
  // at `title`), else its first. Not part of equality: it only places messages.
  size_t line = 0;
  size_t column = 0;
  bool operator==(const ResultTerm& other) const;
};

// The SELECT list, or the RETURNING list of a DML statement.
struct Projection {
  bool distinct = false;
  bool raw = false;  // RAW, ELEMENT or VALUE: exactly one term, no alias
  std::vector<ResultTerm> terms;
  bool operator==(const Projection& other) const;
};

enum class JoinKind : uint8_t { kJoin, kNest, kUnnest };

// One source of a FROM clause: a keyspace, an expression, or a subquery.
struct FromSource {
  enum class Kind : uint8_t { kKeyspace, kExpression, kSubquery };
  Kind kind = Kind::kKeyspace;
  KeyspaceRef keyspace;                       // kKeyspace (its alias is the term's alias)
  ExprPtr expr;                               // kExpression
  std::shared_ptr<SelectStatement> subquery;  // kSubquery
  std::string alias;                          // kExpression / kSubquery
  UseClause use;
  bool operator==(const FromSource& other) const;
};

// `[LEFT [OUTER]|INNER] JOIN|NEST right ON cond | ON [PRIMARY] KEYS expr | ON KEY a.b FOR c`,
// or `[LEFT [OUTER]] UNNEST|FLATTEN expr [AS] alias`.
struct FromJoin {
  JoinKind kind = JoinKind::kJoin;
  bool outer = false;
  FromSource right;  // kUnnest: right.kind == kExpression with expr and alias
  ExprPtr on;        // ANSI join condition
  ExprPtr on_keys;   // lookup join: ON KEYS expr
  ExprPtr on_key;    // index join: ON KEY expr FOR for_alias
  std::string for_alias;
  bool operator==(const FromJoin& other) const;
};

struct FromClause {
  FromSource first;
  std::vector<FromJoin> joins;
  bool operator==(const FromClause& other) const;
};

enum class NullsOrder : uint8_t { kDefault, kFirst, kLast };

struct OrderTerm {
  ExprPtr expr;
  bool desc = false;
  NullsOrder nulls = NullsOrder::kDefault;
  bool operator==(const OrderTerm& other) const;
};

// One SELECT ... FROM ... WHERE ... GROUP BY ... block (a "subselect").
struct SelectBlock {
  Projection projection;
  std::shared_ptr<FromClause> from;  // null: no FROM
  std::vector<LetBinding> let;
  ExprPtr where;
  std::vector<ExprPtr> group_by;
  std::vector<LetBinding> letting;
  ExprPtr having;
  bool operator==(const SelectBlock& other) const;
};

enum class SetOp : uint8_t { kUnion, kIntersect, kExcept };

// A block or a parenthesised full select, as an operand of a set operation.
struct SelectTerm {
  std::shared_ptr<SelectBlock> block;
  std::shared_ptr<SelectStatement> subquery;
  bool operator==(const SelectTerm& other) const;
};

struct SetOperation {
  SetOp op = SetOp::kUnion;
  bool all = false;
  SelectTerm right;
  bool operator==(const SetOperation& other) const;
};

struct WithBinding {
  std::string alias;
  ExprPtr expr;  // usually a kSubquery
  bool recursive = false;
  // WITH RECURSIVE ... OPTIONS {"levels": n, "documents": m}: the recursion's limits, an
  // expression evaluated when the statement runs; null when not written.
  ExprPtr options;
  bool operator==(const WithBinding& other) const;
};

// A full SELECT: WITH, blocks combined left to right by set operations, ORDER BY,
// LIMIT, OFFSET.
struct SelectStatement {
  std::vector<WithBinding> with;
  SelectTerm first;
  std::vector<SetOperation> set_ops;
  std::vector<OrderTerm> order_by;
  ExprPtr limit;
  ExprPtr offset;
  bool operator==(const SelectStatement& other) const;
};

// `FOR [name :] v IN|WITHIN expr, ... [FOR ...] [WHEN cond] END` of SET/UNSET terms.
struct UpdateFor {
  std::vector<std::vector<Binding>> levels;  // one entry per FOR keyword, outermost first
  ExprPtr when;
  bool operator==(const UpdateFor& other) const;
};

struct SetTerm {
  ExprPtr path;  // a path expression; META(a).expiration for `SET META().expiration = n`
  ExprPtr value;
  std::shared_ptr<UpdateFor> update_for;
  bool meta = false;  // the path is META(...).expiration
  bool operator==(const SetTerm& other) const;
};

struct UnsetTerm {
  ExprPtr path;
  std::shared_ptr<UpdateFor> update_for;
  bool operator==(const UnsetTerm& other) const;
};

// One `(KEY k, VALUE v [, OPTIONS o])` tuple of INSERT/UPSERT ... VALUES.
struct InsertValues {
  ExprPtr key;
  ExprPtr value;
  ExprPtr options;
  bool operator==(const InsertValues& other) const;
};

struct InsertStatement {
  bool upsert = false;
  KeyspaceRef keyspace;
  std::vector<InsertValues> values;            // VALUES form
  ExprPtr key_expr, value_expr, options_expr;  // `(KEY k, VALUE v, OPTIONS o) SELECT ...` form
  std::shared_ptr<SelectStatement> select;
  Projection returning;  // empty terms: no RETURNING
  bool operator==(const InsertStatement& other) const;
};

struct UpdateStatement {
  KeyspaceRef keyspace;
  UseClause use;
  std::vector<LetBinding> let;
  std::vector<SetTerm> set;
  std::vector<UnsetTerm> unset;
  ExprPtr where;
  ExprPtr limit;
  Projection returning;
  bool operator==(const UpdateStatement& other) const;
};

struct DeleteStatement {
  KeyspaceRef keyspace;
  UseClause use;
  std::vector<LetBinding> let;
  ExprPtr where;
  ExprPtr limit;
  Projection returning;
  bool operator==(const DeleteStatement& other) const;
};

struct MergeStatement {
  KeyspaceRef target;
  FromSource source;  // keyspace, subquery or expression, with its alias
  ExprPtr on;         // ANSI `ON cond`, or the key expression when on_keys
  bool on_keys = false;
  // WHEN MATCHED THEN UPDATE SET ... UNSET ... [WHERE]
  bool has_update = false;
  std::vector<SetTerm> update_set;
  std::vector<UnsetTerm> update_unset;
  ExprPtr update_where;
  // WHEN MATCHED THEN DELETE [WHERE]
  bool has_delete = false;
  ExprPtr delete_where;
  // WHEN NOT MATCHED THEN INSERT (KEY k, VALUE v, OPTIONS o) [WHERE] or INSERT expr
  bool has_insert = false;
  InsertValues insert;
  ExprPtr insert_where;
  ExprPtr limit;
  Projection returning;
  bool operator==(const MergeStatement& other) const;
};

struct IndexKey {
  ExprPtr expr;  // may be a kArrayFor with `distinct` set for DISTINCT ARRAY ... END
  bool desc = false;
  bool operator==(const IndexKey& other) const;
};

struct CreateIndexStatement {
  bool primary = false;
  std::string name;  // empty for an unnamed primary index (named #primary)
  bool if_not_exists = false;
  KeyspaceRef keyspace;
  std::vector<IndexKey> keys;
  ExprPtr where;  // partial index
  ExprPtr with;   // WITH {...}
  std::string using_;
  bool operator==(const CreateIndexStatement& other) const;
};

struct DropIndexStatement {
  bool primary = false;
  std::string name;
  bool if_exists = false;
  KeyspaceRef keyspace;
  std::string using_;
  bool operator==(const DropIndexStatement& other) const;
};

// CREATE/DROP BUCKET|SCOPE|COLLECTION.
struct KeyspaceDdlStatement {
  enum class Action : uint8_t {
    kCreateBucket,
    kDropBucket,
    kCreateScope,
    kDropScope,
    kCreateCollection,
    kDropCollection
  };
  Action action = Action::kCreateBucket;
  std::string ns;
  std::vector<std::string> path;  // bucket / bucket.scope / bucket.scope.collection
  bool if_exists = false;         // DROP ... IF EXISTS
  bool if_not_exists = false;     // CREATE ... IF NOT EXISTS
  bool operator==(const KeyspaceDdlStatement& other) const;
};

struct Statement;
using StatementPtr = std::shared_ptr<Statement>;

struct ExplainStatement {
  StatementPtr inner;
  bool operator==(const ExplainStatement& other) const;
};

struct PrepareStatement {
  std::string name;  // empty: the server generates one
  bool force = false;
  StatementPtr inner;
  std::string inner_text;  // the statement text after PREPARE [name FROM|AS]
  bool operator==(const PrepareStatement& other) const;
};

struct ExecuteStatement {
  ExprPtr name;        // an identifier or a string
  ExprPtr using_args;  // USING [positional...] or {named...}
  bool operator==(const ExecuteStatement& other) const;
};

struct TransactionStatement {
  enum class Action : uint8_t { kBegin, kCommit, kRollback, kSavepoint, kSetIsolation };
  Action action = Action::kBegin;
  std::string savepoint;  // ROLLBACK TO SAVEPOINT s, SAVEPOINT s
  bool operator==(const TransactionStatement& other) const;
};

struct InferStatement {
  KeyspaceRef keyspace;
  ExprPtr with;
  bool operator==(const InferStatement& other) const;
};

using StatementBody =
    std::variant<SelectStatement, InsertStatement, UpdateStatement, DeleteStatement, MergeStatement,
                 CreateIndexStatement, DropIndexStatement, KeyspaceDdlStatement, ExplainStatement,
                 PrepareStatement, ExecuteStatement, TransactionStatement, InferStatement>;

struct Statement {
  StatementBody body;
  bool operator==(const Statement& other) const { return body == other.body; }
};

// Canonical SQL++ text of a statement (keywords upper-case, expressions as ToString prints
// them). Parsing it yields an equal tree.
std::string ToString(const Statement& statement);
std::string ToString(const SelectStatement& select);

// True for INSERT, UPSERT, UPDATE, DELETE and MERGE (and EXPLAIN/PREPARE never are).
bool IsMutation(const Statement& statement);

}  // namespace casql::ast
