#include "planner/ops/merge.h"

#include "planner/ops/clone.h"
#include "planner/ops/filter.h"
#include "planner/ops/send_delete.h"
#include "planner/ops/send_insert.h"
#include "planner/ops/send_update.h"
#include "planner/ops/sequence.h"
#include "planner/ops/set.h"
#include "planner/ops/unset.h"

namespace casql::plan {

// The actions are shown as the operator pipelines Couchbase nests under Merge.
void Merge::ExplainFields(Object* out) const {
  ExplainKeyspace(keyspace, alias, out);
  out->Set("fast_discard", Value(!returning));
  if (key) out->Set("key", Value(ExprText(key)));
  if (on) out->Set("on_clause", Value(ExprText(on)));
  if (limit) out->Set("limit", Value(ExprText(limit)));
  if (has_update) {
    std::vector<OperatorPtr> ops;
    if (update_where) ops.push_back(std::make_shared<Filter>(update_where, alias));
    ops.push_back(std::make_shared<Clone>());
    if (!update_set.empty()) ops.push_back(std::make_shared<Set>(update_set));
    if (!update_unset.empty()) ops.push_back(std::make_shared<Unset>(update_unset));
    ops.push_back(std::make_shared<SendUpdate>(keyspace, alias));
    out->Set("update", Sequence(std::move(ops)).Explain());
  }
  if (has_delete) {
    std::vector<OperatorPtr> ops;
    if (delete_where) ops.push_back(std::make_shared<Filter>(delete_where, alias));
    ops.push_back(std::make_shared<SendDelete>(keyspace, alias));
    out->Set("delete", Sequence(std::move(ops)).Explain());
  }
  if (has_insert) {
    std::vector<OperatorPtr> ops;
    if (insert_where) ops.push_back(std::make_shared<Filter>(insert_where, source_alias));
    auto send = std::make_shared<SendInsert>(keyspace, alias, false);
    send->key = insert_key ? insert_key : key;
    send->value = insert_value;
    send->options = insert_options;
    ops.push_back(send);
    out->Set("insert", Sequence(std::move(ops)).Explain());
  }
}

}  // namespace casql::plan
