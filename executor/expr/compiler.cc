// AST -> evaluator tree: resolves names to slots, dispatches each node kind to the file that
// implements it, and folds subtrees whose inputs are all constants.
#include <algorithm>
#include <atomic>

#include "executor/expr/evaluator.h"

namespace casql::exec {

namespace {

std::atomic<SubqueryCompiler> subquery_compiler{nullptr};

// A parameter the request did not bind fails the statement when it is evaluated, as in
// Couchbase (an evaluation error, 5010); the expression sees MISSING meanwhile.
const Value* Unbound(std::string what, ExecContext& ctx, Value* scratch) {
  ctx.Interrupt(Status(ErrorCode::kEvaluation, "No value for " + std::move(what) + "."));
  *scratch = Value();
  return scratch;
}

class NamedParamEval final : public Evaluator {
 public:
  explicit NamedParamEval(std::string name) : name_(std::move(name)) {}
  Value Eval(const Row& row, ExecContext& ctx) const override {
    Value scratch;
    return *EvalRef(row, ctx, &scratch);
  }
  const Value* EvalRef(const Row&, ExecContext& ctx, Value* scratch) const override {
    auto it = ctx.named_args.find(name_);
    if (it != ctx.named_args.end()) return &it->second;
    return Unbound("named parameter $" + name_, ctx, scratch);
  }

 private:
  std::string name_;
};

class PositionalParamEval final : public Evaluator {
 public:
  explicit PositionalParamEval(int64_t position) : position_(position) {}
  Value Eval(const Row& row, ExecContext& ctx) const override {
    Value scratch;
    return *EvalRef(row, ctx, &scratch);
  }
  const Value* EvalRef(const Row&, ExecContext& ctx, Value* scratch) const override {
    if (position_ < 1 || position_ > static_cast<int64_t>(ctx.positional_args.size())) {
      return Unbound("positional parameter $" + std::to_string(position_), ctx, scratch);
    }
    return &ctx.positional_args[static_cast<size_t>(position_ - 1)];
  }

 private:
  int64_t position_;
};

Result<std::vector<EvaluatorPtr>> CompileAll(const std::vector<ast::ExprPtr>& exprs,
                                             const CompileScope& scope) {
  std::vector<EvaluatorPtr> out;
  out.reserve(exprs.size());
  for (const auto& e : exprs) {
    auto compiled = Compile(e, scope);
    if (!compiled.ok()) return compiled.status();
    out.push_back(std::move(compiled.value()));
  }
  return out;
}

bool AllConstant(const std::vector<EvaluatorPtr>& args) {
  return std::all_of(args.begin(), args.end(),
                     [](const EvaluatorPtr& a) { return a && a->Constant() != nullptr; });
}

// Evaluates a row-independent evaluator once; the result replaces it.
EvaluatorPtr Fold(EvaluatorPtr evaluator) {
  ExecContext fold_context(nullptr, ExecSettings{});
  return MakeLiteral(evaluator->Eval(Row{}, fold_context));
}

Result<EvaluatorPtr> CompileSubquery(const ast::Expr& e, const CompileScope& scope) {
  const SubqueryCompiler compiler = subquery_compiler.load(std::memory_order_acquire);
  if (!compiler) {
    return Status(ErrorCode::kSemantics,
                  "Subqueries are not supported by this version of casql: " + ast::ToString(e));
  }
  return compiler(e, scope);
}

}  // namespace

int CompileScope::Find(const std::string& name) const {
  for (size_t i = names.size(); i-- > 0;) {
    if (names[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

size_t CompileScope::Add(std::string name, bool keyspace) {
  names.push_back(Name{std::move(name), keyspace});
  return names.size() - 1;
}

void SetSubqueryCompiler(SubqueryCompiler compiler) {
  subquery_compiler.store(compiler, std::memory_order_release);
}

Result<EvaluatorPtr> Compile(const ast::ExprPtr& expr, const CompileScope& scope) {
  if (!expr) return MakeLiteral(Value());
  const ast::Expr& e = *expr;
  switch (e.kind) {
    case ast::ExprKind::kLiteral:
      return MakeLiteral(e.value);
    case ast::ExprKind::kIdentifier: {
      const int slot = scope.Find(e.name);
      return slot >= 0 ? MakeSlot(static_cast<size_t>(slot)) : MakeLiteral(Value());
    }
    case ast::ExprKind::kParameter:
      if (e.name.empty()) return EvaluatorPtr(std::make_unique<PositionalParamEval>(e.position));
      return EvaluatorPtr(std::make_unique<NamedParamEval>(e.name));
    case ast::ExprKind::kCollectionPred:
    case ast::ExprKind::kArrayFor:
    case ast::ExprKind::kFirstFor:
    case ast::ExprKind::kObjectFor:
      return CompileCollection(e, scope);
    case ast::ExprKind::kSubquery:
      return CompileSubquery(e, scope);
    default:
      break;
  }

  auto compiled = CompileAll(e.args, scope);
  if (!compiled.ok()) return compiled.status();
  std::vector<EvaluatorPtr>& a = compiled.value();
  if (e.kind == ast::ExprKind::kFunction) return CompileFunction(e, std::move(a), scope);

  bool foldable = AllConstant(a);
  EvaluatorPtr result;
  switch (e.kind) {
    case ast::ExprKind::kField:
      result = MakeField(std::move(a[0]), e.name);
      break;
    case ast::ExprKind::kDynamicField:
      result = MakeDynamicField(std::move(a[0]), std::move(a[1]));
      break;
    case ast::ExprKind::kElement:
      result = MakeElement(std::move(a[0]), std::move(a[1]));
      break;
    case ast::ExprKind::kSlice: {
      EvaluatorPtr end = e.args.size() > 2 && e.args[2] ? std::move(a[2]) : nullptr;
      foldable = a[0]->Constant() && a[1]->Constant() && (!end || end->Constant());
      result = MakeSlice(std::move(a[0]), std::move(a[1]), std::move(end));
      break;
    }
    case ast::ExprKind::kArrayConstruct:
      result = MakeArray(std::move(a));
      break;
    case ast::ExprKind::kObjectConstruct:
      result = MakeObject(std::move(a));
      break;
    case ast::ExprKind::kUnary:
      result = MakeUnary(e.op, std::move(a[0]));
      break;
    case ast::ExprKind::kBinary:
      if (e.op == ast::ExprOp::kLike || e.op == ast::ExprOp::kNotLike) {
        // Without ESCAPE the escape character is backslash.
        EvaluatorPtr escape = a.size() == 3 ? std::move(a[2]) : MakeLiteral(Value("\\"));
        result = MakeLike(e.op == ast::ExprOp::kNotLike, std::move(a[0]), std::move(a[1]),
                          std::move(escape));
      } else {
        result = MakeBinary(e.op, std::move(a[0]), std::move(a[1]));
      }
      break;
    case ast::ExprKind::kIs:
      result = MakeIs(e.is_what, e.negated, std::move(a[0]));
      break;
    case ast::ExprKind::kBetween:
      result = MakeBetween(e.negated, std::move(a[0]), std::move(a[1]), std::move(a[2]));
      break;
    case ast::ExprKind::kExists:
      result = MakeExists(std::move(a[0]));
      break;
    case ast::ExprKind::kCase: {
      EvaluatorPtr operand = e.args.empty() || !e.args[0] ? nullptr : std::move(a[0]);
      std::vector<EvaluatorPtr> when_then;
      for (size_t i = 1; i < a.size(); ++i) when_then.push_back(std::move(a[i]));
      EvaluatorPtr else_value;
      if (e.else_expr) {
        auto compiled_else = Compile(e.else_expr, scope);
        if (!compiled_else.ok()) return compiled_else.status();
        else_value = std::move(compiled_else.value());
        foldable = foldable && else_value->Constant();
      }
      result = MakeCase(std::move(operand), std::move(when_then), std::move(else_value));
      break;
    }
    default:
      return Status(ErrorCode::kSemantics, "Expression " + ast::ToString(e) +
                                               " is not supported by this version of casql");
  }
  return foldable ? Fold(std::move(result)) : std::move(result);
}

}  // namespace casql::exec
