// A subquery is planned when the expression around it compiles and runs per evaluation with
// the enclosing row as its seed, so correlated names read that row; its value is the array of
// its result rows. A subquery that names nothing of the enclosing scope runs once per
// execution and its array is reused.
#include "executor/subquery.h"

#include <mutex>
#include <optional>

#include "executor/datastore.h"
#include "planner/planner.h"

namespace casql::exec {

namespace {

thread_local ExecContext* statement_context = nullptr;

class SubqueryEval final : public Evaluator {
 public:
  SubqueryEval(plan::PlanPtr plan, CompileScope scope, bool correlated)
      : plan_(std::move(plan)), scope_(std::move(scope)), correlated_(correlated) {}

  Value Eval(const Row& row, ExecContext& ctx) const override {
    if (correlated_) return Run(row, ctx);
    std::lock_guard<std::mutex> lock(mu_);
    if (!result_) result_ = Run(row, ctx);
    return *result_;
  }

 private:
  // A failing subquery stops the statement with its error; the expression sees MISSING.
  Value Run(const Row& row, ExecContext& ctx) const {
    auto pipeline = BuildNested(*plan_->root, scope_, std::make_shared<Row>(row), ctx);
    if (!pipeline.ok()) {
      ctx.Interrupt(pipeline.status());
      return Value();
    }
    Array out;
    Row produced;
    while (true) {
      auto more = pipeline.value()->Next(&produced);
      if (!more.ok()) {
        ctx.Interrupt(more.status());
        return Value();
      }
      if (!*more) break;
      out.push_back(produced.result);
    }
    return Value(std::move(out));
  }

  plan::PlanPtr plan_;
  CompileScope scope_;
  bool correlated_;
  mutable std::mutex mu_;
  mutable std::optional<Value> result_;  // an uncorrelated subquery's rows, once run
};

Result<EvaluatorPtr> CompileSubquery(const ast::Expr& subquery, const CompileScope& scope) {
  ExecContext* ctx = statement_context;
  if (ctx == nullptr || !subquery.subquery) {
    return Status(ErrorCode::kSemantics,
                  "A subquery can only run inside a statement: " + ast::ToString(subquery));
  }
  std::vector<std::string> enclosing;
  for (const auto& name : scope.names) enclosing.push_back(name.name);
  auto planned = plan::PlanSubquery(
      subquery, plan::PlanContext{&ctx->datastore(), ctx->query_context}, enclosing);
  if (!planned.ok()) return planned.status();
  return EvaluatorPtr(std::make_unique<SubqueryEval>(planned->plan, scope, planned->correlated));
}

}  // namespace

StatementOnThread::StatementOnThread(ExecContext& ctx) : previous_(statement_context) {
  statement_context = &ctx;
}

StatementOnThread::~StatementOnThread() {
  statement_context = previous_;
}

void RegisterSubqueryCompiler() {
  static std::once_flag once;
  std::call_once(once, [] { SetSubqueryCompiler(&CompileSubquery); });
}

}  // namespace casql::exec
