#include <algorithm>

#include "executor/expr/evaluator.h"
#include "executor/ops/ops.h"
#include "value/collation.h"

namespace casql::exec {

namespace {

struct SortKey {
  EvaluatorPtr expr;
  bool desc;
  ast::NullsOrder nulls;
};

// Sorts every input row by the ORDER BY terms in N1QL collation (MISSING and NULL first in
// ascending order unless NULLS LAST). Blocking: the first Next() drains the input.
class OrderExec final : public UnaryExecOperator {
 public:
  OrderExec(ExecContext& ctx, ExecOperatorPtr in, std::vector<SortKey> keys)
      : UnaryExecOperator(ctx, std::move(in)), keys_(std::move(keys)) {}

  Result<bool> Next(Row* row) override {
    if (!sorted_) {
      CASQL_RETURN_IF_ERROR(Sort());
      sorted_ = true;
    }
    if (next_ >= rows_.size()) return false;
    *row = std::move(rows_[next_++].row);
    return true;
  }

 private:
  struct Entry {
    std::vector<Value> keys;
    Row row;
  };

  Status Sort() {
    Row row;
    while (true) {
      auto more = input_->Next(&row);
      if (!more.ok()) return more.status();
      if (!*more) break;
      Entry e;
      for (const auto& k : keys_) e.keys.push_back(k.expr->Eval(row, ctx_));
      e.row = std::move(row);
      rows_.push_back(std::move(e));
    }
    std::stable_sort(rows_.begin(), rows_.end(), [this](const Entry& a, const Entry& b) {
      for (size_t i = 0; i < keys_.size(); ++i) {
        const Value &x = a.keys[i], &y = b.keys[i];
        const bool unknown_x = x.IsMissingOrNull(), unknown_y = y.IsMissingOrNull();
        if (keys_[i].nulls != ast::NullsOrder::kDefault && unknown_x != unknown_y) {
          return (keys_[i].nulls == ast::NullsOrder::kFirst) == unknown_x;
        }
        int c = Collate(x, y);
        if (keys_[i].desc) c = -c;
        if (c != 0) return c < 0;
      }
      return false;
    });
    return Status::OK();
  }

  std::vector<SortKey> keys_;
  std::vector<Entry> rows_;
  size_t next_ = 0;
  bool sorted_ = false;
};

}  // namespace

Result<ExecOperatorPtr> MakeOrder(const plan::Order& op, const CompileScope& scope,
                                  ExecContext& ctx, ExecOperatorPtr in) {
  std::vector<SortKey> keys;
  for (const auto& term : op.terms) {
    auto eval = CompileInScope(term.expr, scope);
    if (!eval.ok()) return eval.status();
    keys.push_back(SortKey{std::move(eval.value()), term.desc, term.nulls});
  }
  return ExecOperatorPtr(std::make_unique<OrderExec>(ctx, std::move(in), std::move(keys)));
}

}  // namespace casql::exec
