#include "parser/ast/statement.h"

#include "parser/ast/equality.h"

namespace casql::ast {

bool KeyspaceRef::operator==(const KeyspaceRef& other) const {
  return ns == other.ns && path == other.path && DeepEqual(expr, other.expr) &&
         alias == other.alias;
}

bool IndexRef::operator==(const IndexRef& other) const {
  return name == other.name && using_ == other.using_;
}

bool UseClause::operator==(const UseClause& other) const {
  return DeepEqual(keys, other.keys) && validate_keys == other.validate_keys &&
         indexes == other.indexes && join_hint == other.join_hint;
}

bool LetBinding::operator==(const LetBinding& other) const {
  return var == other.var && DeepEqual(expr, other.expr);
}

bool ResultTerm::operator==(const ResultTerm& other) const {
  return DeepEqual(expr, other.expr) && alias == other.alias && star == other.star;
}

bool Projection::operator==(const Projection& other) const {
  return distinct == other.distinct && raw == other.raw && terms == other.terms;
}

bool FromSource::operator==(const FromSource& other) const {
  return kind == other.kind && keyspace == other.keyspace && DeepEqual(expr, other.expr) &&
         DeepEqual(subquery, other.subquery) && alias == other.alias && use == other.use;
}

bool FromJoin::operator==(const FromJoin& other) const {
  return kind == other.kind && outer == other.outer && right == other.right &&
         DeepEqual(on, other.on) && DeepEqual(on_keys, other.on_keys) &&
         DeepEqual(on_key, other.on_key) && for_alias == other.for_alias;
}

bool FromClause::operator==(const FromClause& other) const {
  return first == other.first && joins == other.joins;
}

bool OrderTerm::operator==(const OrderTerm& other) const {
  return DeepEqual(expr, other.expr) && desc == other.desc && nulls == other.nulls;
}

bool SelectBlock::operator==(const SelectBlock& other) const {
  return projection == other.projection && DeepEqual(from, other.from) && let == other.let &&
         DeepEqual(where, other.where) && DeepEqual(group_by, other.group_by) &&
         letting == other.letting && DeepEqual(having, other.having);
}

bool SelectTerm::operator==(const SelectTerm& other) const {
  return DeepEqual(block, other.block) && DeepEqual(subquery, other.subquery);
}

bool SetOperation::operator==(const SetOperation& other) const {
  return op == other.op && all == other.all && right == other.right;
}

bool WithBinding::operator==(const WithBinding& other) const {
  return alias == other.alias && DeepEqual(expr, other.expr) && recursive == other.recursive &&
         DeepEqual(options, other.options);
}

bool SelectStatement::operator==(const SelectStatement& other) const {
  return with == other.with && first == other.first && set_ops == other.set_ops &&
         order_by == other.order_by && DeepEqual(limit, other.limit) &&
         DeepEqual(offset, other.offset);
}

bool UpdateFor::operator==(const UpdateFor& other) const {
  return levels == other.levels && DeepEqual(when, other.when);
}

bool SetTerm::operator==(const SetTerm& other) const {
  return DeepEqual(path, other.path) && DeepEqual(value, other.value) &&
         DeepEqual(update_for, other.update_for) && meta == other.meta;
}

bool UnsetTerm::operator==(const UnsetTerm& other) const {
  return DeepEqual(path, other.path) && DeepEqual(update_for, other.update_for);
}

bool InsertValues::operator==(const InsertValues& other) const {
  return DeepEqual(key, other.key) && DeepEqual(value, other.value) &&
         DeepEqual(options, other.options);
}

bool InsertStatement::operator==(const InsertStatement& other) const {
  return upsert == other.upsert && keyspace == other.keyspace && values == other.values &&
         DeepEqual(key_expr, other.key_expr) && DeepEqual(value_expr, other.value_expr) &&
         DeepEqual(options_expr, other.options_expr) && DeepEqual(select, other.select) &&
         returning == other.returning;
}

bool UpdateStatement::operator==(const UpdateStatement& other) const {
  return keyspace == other.keyspace && use == other.use && let == other.let && set == other.set &&
         unset == other.unset && DeepEqual(where, other.where) && DeepEqual(limit, other.limit) &&
         returning == other.returning;
}

bool DeleteStatement::operator==(const DeleteStatement& other) const {
  return keyspace == other.keyspace && use == other.use && let == other.let &&
         DeepEqual(where, other.where) && DeepEqual(limit, other.limit) &&
         returning == other.returning;
}

bool MergeStatement::operator==(const MergeStatement& other) const {
  return target == other.target && source == other.source && DeepEqual(on, other.on) &&
         on_keys == other.on_keys && has_update == other.has_update &&
         update_set == other.update_set && update_unset == other.update_unset &&
         DeepEqual(update_where, other.update_where) && has_delete == other.has_delete &&
         DeepEqual(delete_where, other.delete_where) && has_insert == other.has_insert &&
         insert == other.insert && DeepEqual(insert_where, other.insert_where) &&
         DeepEqual(limit, other.limit) && returning == other.returning;
}

bool IndexKey::operator==(const IndexKey& other) const {
  return DeepEqual(expr, other.expr) && desc == other.desc;
}

bool CreateIndexStatement::operator==(const CreateIndexStatement& other) const {
  return primary == other.primary && name == other.name && if_not_exists == other.if_not_exists &&
         keyspace == other.keyspace && keys == other.keys && DeepEqual(where, other.where) &&
         DeepEqual(with, other.with) && using_ == other.using_;
}

bool DropIndexStatement::operator==(const DropIndexStatement& other) const {
  return primary == other.primary && name == other.name && if_exists == other.if_exists &&
         keyspace == other.keyspace && using_ == other.using_;
}

bool KeyspaceDdlStatement::operator==(const KeyspaceDdlStatement& other) const {
  return action == other.action && ns == other.ns && path == other.path &&
         if_exists == other.if_exists && if_not_exists == other.if_not_exists;
}

bool ExplainStatement::operator==(const ExplainStatement& other) const {
  return DeepEqual(inner, other.inner);
}

bool PrepareStatement::operator==(const PrepareStatement& other) const {
  return name == other.name && force == other.force && DeepEqual(inner, other.inner) &&
         inner_text == other.inner_text;
}

bool ExecuteStatement::operator==(const ExecuteStatement& other) const {
  return DeepEqual(name, other.name) && DeepEqual(using_args, other.using_args);
}

bool TransactionStatement::operator==(const TransactionStatement& other) const {
  return action == other.action && savepoint == other.savepoint;
}

bool InferStatement::operator==(const InferStatement& other) const {
  return keyspace == other.keyspace && DeepEqual(with, other.with);
}

bool IsMutation(const Statement& statement) {
  return std::holds_alternative<InsertStatement>(statement.body) ||
         std::holds_alternative<UpdateStatement>(statement.body) ||
         std::holds_alternative<DeleteStatement>(statement.body) ||
         std::holds_alternative<MergeStatement>(statement.body);
}

}  // namespace casql::ast
