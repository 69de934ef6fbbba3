#include "executor/prepared_statements.h"

#include "executor/datastore.h"
#include "executor/expr/evaluator.h"
#include "executor/row.h"
#include "planner/prepared_registry.h"

namespace casql::exec {

Result<std::string> RegisterPrepared(const plan::Prepare& op, Datastore& datastore) {
  auto prepared = std::make_shared<plan::PreparedRegistry::Prepared>();
  prepared->name = op.name.empty() ? plan::PreparedRegistry::NewName() : op.name;
  prepared->query_context = op.query_context;
  prepared->text = op.text;
  prepared->statement = op.statement;
  prepared->plan = op.prepared;
  prepared->catalog_version = op.catalog_version;
  std::string name = prepared->name;
  CASQL_RETURN_IF_ERROR(datastore.prepareds().Add(std::move(prepared)));
  return name;
}

Status RunPrepare(const plan::Prepare& op, ExecContext& ctx, RowSink& sink) {
  auto name = RegisterPrepared(op, ctx.datastore());
  if (!name.ok()) return name.status();
  Object row;
  row.Set("name", Value(name.value()));
  row.Set("namespace", Value("default"));
  row.Set("operator", ExplainDocument(*op.prepared->root, "").Field("plan"));
  row.Set("queryContext", Value(op.query_context));
  row.Set("signature", op.prepared->signature);
  row.Set("text", Value(op.text));
  sink.Write(Value(std::move(row)));
  return Status::OK();
}

Status BindUsingArgs(const ast::ExprPtr& using_args, ExecContext& ctx) {
  auto eval = Compile(using_args, CompileScope());
  if (!eval.ok()) return eval.status();
  const Value args = eval.value()->Eval(Row(), ctx);
  ctx.named_args.clear();
  ctx.positional_args.clear();
  if (args.IsArray()) {
    ctx.positional_args = args.AsArray();
    return Status::OK();
  }
  for (const auto& [name, value] : args.AsObject()) {
    const bool prefixed = !name.empty() && (name[0] == '$' || name[0] == '@');
    ctx.named_args[prefixed ? name.substr(1) : name] = value;
  }
  return Status::OK();
}

}  // namespace casql::exec
