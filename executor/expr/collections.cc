// Collection expressions: ANY/SOME/EVERY/ANY AND EVERY ... SATISFIES, ARRAY/FIRST/OBJECT ...
// FOR ... [WHEN] END, and EXISTS. Bindings iterate their arrays in step (the longest array
// sets the count; shorter ones bind MISSING), `pos : v IN arr` binds the index, and
// `v WITHIN x` iterates every value nested in x.
#include <algorithm>

#include "executor/expr/evaluator.h"
#include "executor/expr/truth.h"

namespace casql::exec {

namespace {

struct CompiledBinding {
  EvaluatorPtr source;
  size_t slot;
  int name_slot;  // -1 without a position variable
  bool within;
};

void CollectDescendants(const Value& v, Array* out) {
  if (v.IsArray()) {
    for (const Value& e : v.AsArray()) {
      out->push_back(e);
      CollectDescendants(e, out);
    }
  } else if (v.IsObject()) {
    for (const auto& entry : v.AsObject()) {
      out->push_back(entry.second);
      CollectDescendants(entry.second, out);
    }
  }
}

// Shared by every collection form: evaluates the sources, then calls `body(row)` once per
// step with the variables bound in a private copy of the row. `body` returns false to stop.
// Returns MISSING or NULL when a source is MISSING or not a collection, else nothing.
class Iteration {
 public:
  explicit Iteration(std::vector<CompiledBinding> bindings) : bindings_(std::move(bindings)) {}

  template <typename Body>
  std::optional<Value> Run(const Row& row, ExecContext& ctx, const Body& body) const {
    std::vector<Value> sources;
    sources.reserve(bindings_.size());
    size_t steps = 0;
    for (const CompiledBinding& b : bindings_) {
      Value source = b.source->Eval(row, ctx);
      if (source.IsMissing()) return Value();
      if (b.within) {
        if (!source.IsArray() && !source.IsObject()) return Value::Null();
        Array all;
        CollectDescendants(source, &all);
        source = Value(std::move(all));
      } else if (!source.IsArray()) {
        return Value::Null();
      }
      steps = std::max(steps, source.AsArray().size());
      sources.push_back(std::move(source));
    }
    // Only the name slots matter to the body: copy those (documents are shared, not
    // deep-copied) and rebind the binding slots per step.
    Row local;
    local.vars = row.vars;
    local.metas = row.metas;
    for (size_t i = 0; i < steps; ++i) {
      for (size_t j = 0; j < bindings_.size(); ++j) {
        const Array& arr = sources[j].AsArray();
        local.Bind(bindings_[j].slot, i < arr.size() ? arr[i] : Value());
        if (bindings_[j].name_slot >= 0) {
          local.Bind(static_cast<size_t>(bindings_[j].name_slot), Value(static_cast<int64_t>(i)));
        }
      }
      if (!body(static_cast<const Row&>(local))) break;
    }
    return std::nullopt;
  }

 private:
  std::vector<CompiledBinding> bindings_;
};

class PredicateEval final : public Evaluator {
 public:
  PredicateEval(ast::Quantifier quantifier, Iteration iteration, EvaluatorPtr condition)
      : quantifier_(quantifier),
        iteration_(std::move(iteration)),
        condition_(std::move(condition)) {}

  // ANY: TRUE when some element satisfies; EVERY: TRUE when none fails (so TRUE for an empty
  // array); ANY AND EVERY: non-empty and none fails.
  Value Eval(const Row& row, ExecContext& ctx) const override {
    const bool every =
        quantifier_ == ast::Quantifier::kEvery || quantifier_ == ast::Quantifier::kAnyAndEvery;
    bool any_element = false, decided = false;
    auto unknown = iteration_.Run(row, ctx, [&](const Row& bound) {
      any_element = true;
      Value scratch;
      const bool ok = Truthy(*condition_->EvalRef(bound, ctx, &scratch));
      if (ok != every) decided = true;
      return !decided;
    });
    if (unknown) return *unknown;
    if (every) {
      if (decided) return Value(false);
      return Value(quantifier_ == ast::Quantifier::kEvery || any_element);
    }
    return Value(decided);
  }

 private:
  ast::Quantifier quantifier_;
  Iteration iteration_;
  EvaluatorPtr condition_;
};

class ArrayForEval final : public Evaluator {
 public:
  ArrayForEval(Iteration iteration, EvaluatorPtr mapping, EvaluatorPtr when, bool first)
      : iteration_(std::move(iteration)),
        mapping_(std::move(mapping)),
        when_(std::move(when)),
        first_(first) {}

  // ARRAY: the mapped values of the elements passing WHEN (MISSING ones left out).
  // FIRST: the first such value, MISSING when there is none.
  Value Eval(const Row& row, ExecContext& ctx) const override {
    Array out;
    Value found;
    auto unknown = iteration_.Run(row, ctx, [&](const Row& bound) {
      if (when_) {
        Value scratch;
        if (!Truthy(*when_->EvalRef(bound, ctx, &scratch))) return true;
      }
      Value v = mapping_->Eval(bound, ctx);
      if (v.IsMissing()) return true;
      if (first_) {
        found = std::move(v);
        return false;
      }
      out.push_back(std::move(v));
      return true;
    });
    if (unknown) return *unknown;
    return first_ ? found : Value(std::move(out));
  }

 private:
  Iteration iteration_;
  EvaluatorPtr mapping_, when_;
  bool first_;
};

// OBJECT name:value FOR ... [WHEN] END: a non-string name makes the result NULL; MISSING
// values leave their field out.
class ObjectForEval final : public Evaluator {
 public:
  ObjectForEval(Iteration iteration, EvaluatorPtr name, EvaluatorPtr value, EvaluatorPtr when)
      : iteration_(std::move(iteration)),
        name_(std::move(name)),
        value_(std::move(value)),
        when_(std::move(when)) {}

  Value Eval(const Row& row, ExecContext& ctx) const override {
    Object out;
    bool bad_name = false;
    auto unknown = iteration_.Run(row, ctx, [&](const Row& bound) {
      if (when_) {
        Value scratch;
        if (!Truthy(*when_->EvalRef(bound, ctx, &scratch))) return true;
      }
      Value name = name_->Eval(bound, ctx);
      if (!name.IsString()) {
        bad_name = true;
        return false;
      }
      Value v = value_->Eval(bound, ctx);
      if (!v.IsMissing()) out.Set(name.AsString(), std::move(v));
      return true;
    });
    if (unknown) return *unknown;
    if (bad_name) return Value::Null();
    return Value(std::move(out));
  }

 private:
  Iteration iteration_;
  EvaluatorPtr name_, value_, when_;
};

// EXISTS: TRUE for a non-empty array, FALSE for an empty one; MISSING stays MISSING and any
// other value is NULL.
class ExistsEval final : public Evaluator {
 public:
  explicit ExistsEval(EvaluatorPtr arg) : arg_(std::move(arg)) {}
  Value Eval(const Row& row, ExecContext& ctx) const override {
    Value scratch;
    const Value& v = *arg_->EvalRef(row, ctx, &scratch);
    if (v.IsMissing()) return Value();
    if (!v.IsArray()) return Value::Null();
    return Value(!v.AsArray().empty());
  }

 private:
  EvaluatorPtr arg_;
};

Result<EvaluatorPtr> CompileOptional(const std::vector<ast::ExprPtr>& args, size_t i,
                                     const CompileScope& scope) {
  if (i >= args.size() || !args[i]) return EvaluatorPtr();
  return Compile(args[i], scope);
}

}  // namespace

Result<EvaluatorPtr> CompileCollection(const ast::Expr& e, const CompileScope& scope) {
  // Each source is compiled in the scope before its own variable (so `v IN v.children`
  // reads the outer v); later bindings and the body see every variable.
  CompileScope inner = scope;
  std::vector<CompiledBinding> bindings;
  for (const ast::Binding& b : e.bindings) {
    auto source = Compile(b.expr, inner);
    if (!source.ok()) return source.status();
    CompiledBinding compiled{std::move(source.value()), 0, -1, b.within};
    if (!b.name_var.empty()) compiled.name_slot = static_cast<int>(inner.Add(b.name_var));
    compiled.slot = inner.Add(b.var);
    bindings.push_back(std::move(compiled));
  }
  Iteration iteration(std::move(bindings));
  std::vector<EvaluatorPtr> args;
  for (size_t i = 0; i < e.args.size(); ++i) {
    auto compiled = CompileOptional(e.args, i, inner);
    if (!compiled.ok()) return compiled.status();
    args.push_back(std::move(compiled.value()));
  }
  args.resize(3);
  switch (e.kind) {
    case ast::ExprKind::kCollectionPred:
      return EvaluatorPtr(
          std::make_unique<PredicateEval>(e.quantifier, std::move(iteration), std::move(args[0])));
    case ast::ExprKind::kArrayFor:
    case ast::ExprKind::kFirstFor:
      return EvaluatorPtr(std::make_unique<ArrayForEval>(std::move(iteration), std::move(args[0]),
                                                         std::move(args[1]),
                                                         e.kind == ast::ExprKind::kFirstFor));
    default:
      return EvaluatorPtr(std::make_unique<ObjectForEval>(std::move(iteration), std::move(args[0]),
                                                          std::move(args[1]), std::move(args[2])));
  }
}

EvaluatorPtr MakeExists(EvaluatorPtr arg) {
  return std::make_unique<ExistsEval>(std::move(arg));
}

}  // namespace casql::exec
