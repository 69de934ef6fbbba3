// Function calls: the registry (executor/functions/registry.h) supplies arity, determinism,
// the MISSING/NULL rule and the body; this file checks calls at compile time, folds
// deterministic calls over constants, and evaluates the rest without allocating for up to
// kInlineArgs arguments.
#include <array>

#include "executor/expr/aggregates.h"
#include "executor/expr/evaluator.h"
#include "executor/functions/registry.h"

namespace casql::exec {

namespace {

constexpr size_t kInlineArgs = 6;

Value CallBody(const FunctionDef& def, std::span<const Value> args, ExecContext& ctx) {
  if (def.unknown != UnknownArgs::kRaw) {
    bool null = false;
    for (const Value& v : args) {
      if (v.IsMissing()) return Value();
      null |= v.IsNull();
    }
    if (null && def.unknown == UnknownArgs::kPropagate) return Value::Null();
  }
  return def.body(args, ctx);
}

class CallEval final : public Evaluator {
 public:
  CallEval(const FunctionDef* def, std::vector<EvaluatorPtr> args)
      : def_(def), args_(std::move(args)) {}
  Value Eval(const Row& row, ExecContext& ctx) const override {
    if (args_.size() <= kInlineArgs) {
      std::array<Value, kInlineArgs> values;
      for (size_t i = 0; i < args_.size(); ++i) values[i] = args_[i]->Eval(row, ctx);
      return CallBody(*def_, std::span<const Value>(values.data(), args_.size()), ctx);
    }
    std::vector<Value> values;
    values.reserve(args_.size());
    for (const auto& a : args_) values.push_back(a->Eval(row, ctx));
    return CallBody(*def_, values, ctx);
  }

 private:
  const FunctionDef* def_;
  std::vector<EvaluatorPtr> args_;
};

// META(alias): the metadata of the alias's document, as Couchbase's func_meta.go builds it.
// META(alias).id and the other fields are ordinary field steps on this object.
class MetaEval final : public Evaluator {
 public:
  explicit MetaEval(size_t slot) : slot_(slot) {}
  Value Eval(const Row& row, ExecContext&) const override {
    const DocMeta* meta = row.Meta(slot_);
    if (!meta) return Value::Null();
    const DocMeta& m = *meta;
    return Value(Object{{"cas", Value(static_cast<int64_t>(m.cas))},
                        {"expiration", Value(static_cast<int64_t>(m.expiration))},
                        {"flags", Value(static_cast<int64_t>(m.flags))},
                        {"id", Value(m.id)},
                        {"keyspace", Value(m.keyspace)},
                        {"type", Value(m.is_json ? "json" : "base64")}});
  }

 private:
  size_t slot_;
};

Result<EvaluatorPtr> CompileMeta(const ast::Expr& call, const CompileScope& scope) {
  // The planner formalizes META() to META(<the only keyspace>); the argument must name a
  // keyspace alias in scope.
  const int slot = call.args.size() == 1 && call.args[0]->kind == ast::ExprKind::kIdentifier
                       ? scope.Find(call.args[0]->name)
                       : -1;
  if (slot < 0 || !scope.names[static_cast<size_t>(slot)].keyspace) {
    return Status(ErrorCode::kSemantics, "META() argument must be a keyspace alias");
  }
  return EvaluatorPtr(std::make_unique<MetaEval>(static_cast<size_t>(slot)));
}

}  // namespace

Result<EvaluatorPtr> CompileFunction(const ast::Expr& call, std::vector<EvaluatorPtr> args,
                                     const CompileScope& scope) {
  if (call.name == "meta") return CompileMeta(call, scope);
  if (call.window) {
    return Status(
        ErrorCode::kSemantics,
        "Window function " + call.name + "() OVER (...) is not supported by this version of casql");
  }
  if (IsAggregateFunction(call.name)) {
    // GROUP BY replaces aggregate calls by references to the slots it computes; one that
    // reaches here stands where no group exists (WHERE, a scalar context).
    return Status(ErrorCode::kSemantics,
                  "Aggregate function " + call.name + "() is not allowed in this context");
  }
  const FunctionDef* def = FindFunction(call.name);
  if (!def) return Status(ErrorCode::kSyntax, "Invalid function " + call.name);
  const int n = static_cast<int>(args.size());
  if (n < def->min_args || (def->max_args != kVariadic && n > def->max_args)) {
    return Status(ErrorCode::kSyntax, ArityMessage(*def));
  }
  const bool constant = std::all_of(args.begin(), args.end(),
                                    [](const EvaluatorPtr& a) { return a->Constant() != nullptr; });
  if (def->deterministic && constant) {
    std::vector<Value> values;
    for (const auto& a : args) values.push_back(*a->Constant());
    ExecContext fold_context(nullptr, ExecSettings{});
    return MakeLiteral(CallBody(*def, values, fold_context));
  }
  return EvaluatorPtr(std::make_unique<CallEval>(def, std::move(args)));
}

}  // namespace casql::exec
