// The function table. Each entry: name, arity range, implementation over evaluated arguments.
#include <algorithm>
#include <cctype>
#include <functional>
#include <unordered_map>

#include "executor/expr/aggregates.h"
#include "executor/expr/evaluator.h"

namespace casql::exec {

namespace {

using ScalarFn = std::function<Value(const std::vector<Value>&)>;

struct FunctionDef {
  int min_args;
  int max_args;
  ScalarFn fn;
};

Value CaseMap(const std::vector<Value>& args, int (*map)(int)) {
  const Value& s = args[0];
  if (!s.IsString()) return s.IsMissing() ? Value() : Value::Null();
  std::string out = s.AsString();
  std::transform(out.begin(), out.end(), out.begin(),
                 [map](unsigned char c) { return static_cast<char>(map(c)); });
  return Value(std::move(out));
}

const std::unordered_map<std::string, FunctionDef>& Table() {
  static const auto* table = new std::unordered_map<std::string, FunctionDef>{
      {"lower", {1, 1, [](const auto& a) { return CaseMap(a, ::tolower); }}},
      {"upper", {1, 1, [](const auto& a) { return CaseMap(a, ::toupper); }}},
      {"length",
       {1, 1,
        [](const auto& a) {
          if (!a[0].IsString()) return a[0].IsMissing() ? Value() : Value::Null();
          return Value(static_cast<int64_t>(a[0].AsString().size()));
        }}},
  };
  return *table;
}

class ScalarCallEval final : public Evaluator {
 public:
  ScalarCallEval(const FunctionDef* def, std::vector<EvaluatorPtr> args)
      : def_(def), args_(std::move(args)) {}
  Value Eval(const Row& row, ExecContext& ctx) const override {
    std::vector<Value> values;
    values.reserve(args_.size());
    for (const auto& a : args_) values.push_back(a->Eval(row, ctx));
    return def_->fn(values);
  }

 private:
  const FunctionDef* def_;
  std::vector<EvaluatorPtr> args_;
};

// META(alias): the metadata of the alias's document, as Couchbase's func_meta.go builds it.
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

}  // namespace

Result<EvaluatorPtr> CompileFunction(const ast::Expr& call, std::vector<EvaluatorPtr> args,
                                     const CompileScope& scope) {
  if (call.name == "meta") {
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
  if (IsAggregateFunction(call.name)) {
    // GROUP BY replaces aggregate calls by references to the slots it computes; one that
    // reaches here stands where no group exists (WHERE, a scalar context).
    return Status(ErrorCode::kSemantics,
                  "Aggregate function " + call.name + "() is not allowed in this context");
  }
  auto it = Table().find(call.name);
  if (it == Table().end()) {
    return Status(ErrorCode::kSyntax, "Invalid function " + call.name);
  }
  const FunctionDef& def = it->second;
  const int n = static_cast<int>(args.size());
  if (n < def.min_args || n > def.max_args) {
    std::string expected = std::to_string(def.min_args);
    if (def.max_args != def.min_args) expected += " and " + std::to_string(def.max_args);
    return Status(ErrorCode::kSyntax,
                  "Number of arguments to function " + call.name + " must be " + expected + ".");
  }
  return EvaluatorPtr(std::make_unique<ScalarCallEval>(&def, std::move(args)));
}

}  // namespace casql::exec
