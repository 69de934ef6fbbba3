// AST -> evaluator tree for literals, names, parameters, paths and constructors; operators
// and functions are compiled by their own files.
#include <cmath>

#include "executor/expr/evaluator.h"

namespace casql::exec {

namespace {

class LiteralEval final : public Evaluator {
 public:
  explicit LiteralEval(Value v) : value_(std::move(v)) {}
  Value Eval(const Row&, ExecContext&) const override { return value_; }

 private:
  Value value_;
};

// A name in scope: a keyspace alias's document or a variable's value.
class SlotEval final : public Evaluator {
 public:
  explicit SlotEval(size_t slot) : slot_(slot) {}
  Value Eval(const Row& row, ExecContext&) const override { return row.Var(slot_); }

 private:
  size_t slot_;
};

class NamedParamEval final : public Evaluator {
 public:
  explicit NamedParamEval(std::string name) : name_(std::move(name)) {}
  Value Eval(const Row&, ExecContext& ctx) const override {
    auto it = ctx.named_args.find(name_);
    return it == ctx.named_args.end() ? Value() : it->second;
  }

 private:
  std::string name_;
};

class PositionalParamEval final : public Evaluator {
 public:
  explicit PositionalParamEval(int64_t position) : position_(position) {}
  Value Eval(const Row&, ExecContext& ctx) const override {
    if (position_ < 1 || position_ > static_cast<int64_t>(ctx.positional_args.size())) {
      return Value();
    }
    return ctx.positional_args[static_cast<size_t>(position_ - 1)];
  }

 private:
  int64_t position_;
};

class FieldEval final : public Evaluator {
 public:
  FieldEval(EvaluatorPtr base, std::string name) : base_(std::move(base)), name_(std::move(name)) {}
  Value Eval(const Row& row, ExecContext& ctx) const override {
    return base_->Eval(row, ctx).Field(name_);
  }

 private:
  EvaluatorPtr base_;
  std::string name_;
};

class DynamicFieldEval final : public Evaluator {
 public:
  DynamicFieldEval(EvaluatorPtr base, EvaluatorPtr name)
      : base_(std::move(base)), name_(std::move(name)) {}
  Value Eval(const Row& row, ExecContext& ctx) const override {
    Value name = name_->Eval(row, ctx);
    if (!name.IsString()) return name.IsMissing() ? Value() : Value::Null();
    return base_->Eval(row, ctx).Field(name.AsString());
  }

 private:
  EvaluatorPtr base_, name_;
};

class ElementEval final : public Evaluator {
 public:
  ElementEval(EvaluatorPtr base, EvaluatorPtr index)
      : base_(std::move(base)), index_(std::move(index)) {}
  Value Eval(const Row& row, ExecContext& ctx) const override {
    Value base = base_->Eval(row, ctx);
    Value index = index_->Eval(row, ctx);
    if (base.IsMissing() || index.IsMissing()) return Value();
    if (base.IsObject() && index.IsString()) return base.Field(index.AsString());
    if (!base.IsArray() || !index.IsNumber()) return Value::Null();
    const double d = index.AsDouble();
    if (d != std::floor(d)) return Value::Null();
    return base.Element(static_cast<int64_t>(d));
  }

 private:
  EvaluatorPtr base_, index_;
};

class ArrayEval final : public Evaluator {
 public:
  explicit ArrayEval(std::vector<EvaluatorPtr> elements) : elements_(std::move(elements)) {}
  Value Eval(const Row& row, ExecContext& ctx) const override {
    Array out;
    out.reserve(elements_.size());
    // MISSING elements become NULL: an array cannot hold a hole.
    for (const auto& e : elements_) {
      Value v = e->Eval(row, ctx);
      out.push_back(v.IsMissing() ? Value::Null() : std::move(v));
    }
    return Value(std::move(out));
  }

 private:
  std::vector<EvaluatorPtr> elements_;
};

class ObjectEval final : public Evaluator {
 public:
  explicit ObjectEval(std::vector<EvaluatorPtr> pairs) : pairs_(std::move(pairs)) {}
  Value Eval(const Row& row, ExecContext& ctx) const override {
    Object out;
    for (size_t i = 0; i + 1 < pairs_.size(); i += 2) {
      Value name = pairs_[i]->Eval(row, ctx);
      if (!name.IsString()) return Value::Null();
      Value v = pairs_[i + 1]->Eval(row, ctx);
      if (!v.IsMissing()) out.Set(name.AsString(), std::move(v));
    }
    return Value(std::move(out));
  }

 private:
  std::vector<EvaluatorPtr> pairs_;
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

Status Unsupported(const ast::Expr& expr) {
  return Status(ErrorCode::kSemantics,
                "Expression " + ast::ToString(expr) + " is not supported by this version of casql");
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

Result<EvaluatorPtr> Compile(const ast::ExprPtr& expr, const CompileScope& scope) {
  if (!expr) return EvaluatorPtr(std::make_unique<LiteralEval>(Value()));
  const ast::Expr& e = *expr;
  auto args = CompileAll(e.args, scope);
  if (!args.ok()) return args.status();
  auto& a = args.value();
  switch (e.kind) {
    case ast::ExprKind::kLiteral:
      return EvaluatorPtr(std::make_unique<LiteralEval>(e.value));
    case ast::ExprKind::kIdentifier: {
      const int slot = scope.Find(e.name);
      if (slot >= 0) return EvaluatorPtr(std::make_unique<SlotEval>(static_cast<size_t>(slot)));
      return EvaluatorPtr(std::make_unique<LiteralEval>(Value()));
    }
    case ast::ExprKind::kParameter:
      if (e.name.empty()) return EvaluatorPtr(std::make_unique<PositionalParamEval>(e.position));
      return EvaluatorPtr(std::make_unique<NamedParamEval>(e.name));
    case ast::ExprKind::kField:
      return EvaluatorPtr(std::make_unique<FieldEval>(std::move(a[0]), e.name));
    case ast::ExprKind::kDynamicField:
      return EvaluatorPtr(std::make_unique<DynamicFieldEval>(std::move(a[0]), std::move(a[1])));
    case ast::ExprKind::kElement:
      return EvaluatorPtr(std::make_unique<ElementEval>(std::move(a[0]), std::move(a[1])));
    case ast::ExprKind::kArrayConstruct:
      return EvaluatorPtr(std::make_unique<ArrayEval>(std::move(a)));
    case ast::ExprKind::kObjectConstruct:
      return EvaluatorPtr(std::make_unique<ObjectEval>(std::move(a)));
    case ast::ExprKind::kUnary:
      return MakeUnary(e.op, std::move(a[0]));
    case ast::ExprKind::kBinary:
      if (a.size() != 2) return Unsupported(e);  // LIKE ... ESCAPE
      return MakeBinary(e.op, std::move(a[0]), std::move(a[1]));
    case ast::ExprKind::kIs:
      return MakeIs(e.is_what, e.negated, std::move(a[0]));
    case ast::ExprKind::kBetween:
      return MakeBetween(e.negated, std::move(a[0]), std::move(a[1]), std::move(a[2]));
    case ast::ExprKind::kFunction:
      return CompileFunction(e, std::move(a), scope);
    default:
      return Unsupported(e);
  }
}

}  // namespace casql::exec
