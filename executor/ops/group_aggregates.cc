#include "executor/ops/group_aggregates.h"

#include "executor/canonical_key.h"
#include "value/collation.h"

namespace casql::exec {

namespace {

Value AddNumbers(const Value& a, const Value& b) {
  if (a.IsInt() && b.IsInt()) {
    int64_t out;
    if (!__builtin_add_overflow(a.AsInt(), b.AsInt(), &out)) return Value(out);
  }
  return Value(a.AsDouble() + b.AsDouble());
}

class Count final : public GroupAggregate {
 public:
  explicit Count(bool numbers_only) : numbers_only_(numbers_only) {}
  Value Init() const override { return Value(int64_t{0}); }
  Value Add(Value state, const Value& v) const override {
    const bool counts = numbers_only_ ? v.IsNumber() : !v.IsMissingOrNull();
    return counts ? Value(state.AsInt() + 1) : state;
  }
  Value Merge(Value state, const Value& other) const override {
    return Value(state.AsInt() + other.AsInt());
  }
  Value Final(const Value& state) const override { return state; }

 private:
  bool numbers_only_;
};

// State [sum, count of numbers].
class SumOrAvg final : public GroupAggregate {
 public:
  explicit SumOrAvg(bool avg) : avg_(avg) {}
  Value Init() const override { return Value(Array{Value(int64_t{0}), Value(int64_t{0})}); }
  Value Add(Value state, const Value& v) const override {
    if (!v.IsNumber()) return state;
    return Merge(std::move(state), Value(Array{v, Value(int64_t{1})}));
  }
  Value Merge(Value state, const Value& other) const override {
    return Value(Array{AddNumbers(state.Element(0), other.Element(0)),
                       Value(state.Element(1).AsInt() + other.Element(1).AsInt())});
  }
  Value Final(const Value& state) const override {
    const int64_t n = state.Element(1).AsInt();
    if (n == 0) return Value::Null();
    if (!avg_) return state.Element(0);
    return Value(state.Element(0).AsDouble() / static_cast<double>(n));
  }

 private:
  bool avg_;
};

// MIN/MAX over non-NULL, non-MISSING values in collation order; MISSING state = none yet.
class Extreme final : public GroupAggregate {
 public:
  explicit Extreme(bool max) : max_(max) {}
  Value Init() const override { return Value(); }
  Value Add(Value state, const Value& v) const override { return Merge(std::move(state), v); }
  Value Merge(Value state, const Value& other) const override {
    if (other.IsMissingOrNull()) return state;
    if (state.IsMissing()) return other;
    const int c = Collate(other, state);
    return (max_ ? c > 0 : c < 0) ? other : state;
  }
  Value Final(const Value& state) const override {
    return state.IsMissing() ? Value::Null() : state;
  }

 private:
  bool max_;
};

// ARRAY_AGG keeps NULLs and drops MISSING; an empty group gives NULL.
class ArrayAgg final : public GroupAggregate {
 public:
  Value Init() const override { return Value(Array()); }
  Value Add(Value state, const Value& v) const override {
    if (v.IsMissing()) return state;
    state.MutableArray().push_back(v);
    return state;
  }
  Value Merge(Value state, const Value& other) const override {
    for (const Value& v : other.AsArray()) state.MutableArray().push_back(v);
    return state;
  }
  Value Final(const Value& state) const override {
    return state.AsArray().empty() ? Value::Null() : state;
  }
};

// DISTINCT: the state collects distinct values (by N1QL equality) and the wrapped
// aggregate folds them at the end.
class Distinct final : public GroupAggregate {
 public:
  explicit Distinct(std::unique_ptr<const GroupAggregate> inner) : inner_(std::move(inner)) {}
  Value Init() const override { return Value(Object()); }
  Value Add(Value state, const Value& v) const override {
    if (v.IsMissing()) return state;
    const std::string key = CanonicalKey(v);
    if (!state.AsObject().Find(key)) state.MutableObject().Set(key, v);
    return state;
  }
  Value Merge(Value state, const Value& other) const override {
    for (const auto& [key, v] : other.AsObject()) {
      if (!state.AsObject().Find(key)) state.MutableObject().Set(key, v);
    }
    return state;
  }
  Value Final(const Value& state) const override {
    Value folded = inner_->Init();
    for (const auto& entry : state.AsObject())
      folded = inner_->Add(std::move(folded), entry.second);
    return inner_->Final(folded);
  }

 private:
  std::unique_ptr<const GroupAggregate> inner_;
};

}  // namespace

std::string AggregateSlotName(const ast::Expr& call) {
  return "#aggregate " + ast::ToString(call);
}

Result<CompiledAggregate> CompileAggregate(const ast::Expr& call, const CompileScope& scope) {
  CompiledAggregate out;
  const std::string& name = call.name;
  std::unique_ptr<const GroupAggregate> fn;
  if (name == "count") fn = std::make_unique<Count>(false);
  if (name == "countn") fn = std::make_unique<Count>(true);
  if (name == "sum") fn = std::make_unique<SumOrAvg>(false);
  if (name == "avg" || name == "mean") fn = std::make_unique<SumOrAvg>(true);
  if (name == "min") fn = std::make_unique<Extreme>(false);
  if (name == "max") fn = std::make_unique<Extreme>(true);
  if (name == "array_agg") fn = std::make_unique<ArrayAgg>();
  if (!fn) {
    return Status(ErrorCode::kSemantics, "Aggregate function " + ast::ToString(call) +
                                             " is not supported by this version of casql");
  }
  if (call.star) {
    if (name != "count") {
      return Status(ErrorCode::kSemantics, "Only COUNT accepts * as its argument");
    }
  } else {
    if (call.args.size() != 1) {
      return Status(ErrorCode::kSemantics,
                    "Aggregate " + name + " takes exactly one argument: " + ast::ToString(call));
    }
    auto arg = Compile(call.args[0], scope);
    if (!arg.ok()) return arg.status();
    out.arg = std::move(arg.value());
  }
  out.fn = call.distinct ? std::make_unique<Distinct>(std::move(fn)) : std::move(fn);
  return out;
}

Result<GroupSpec> CompileGroup(const std::vector<ast::ExprPtr>& keys,
                               const std::vector<ast::ExprPtr>& aggregates, CompileScope* scope) {
  GroupSpec spec;
  for (const auto& key : keys) {
    auto eval = Compile(key, *scope);
    if (!eval.ok()) return eval.status();
    spec.keys.push_back(std::move(eval.value()));
  }
  for (const auto& call : aggregates) {
    auto compiled = CompileAggregate(*call, *scope);
    if (!compiled.ok()) return compiled.status();
    spec.aggregates.push_back(std::move(compiled.value()));
  }
  // The three grouping operators share the slots: the first one adds them.
  for (const auto& call : aggregates) {
    const std::string name = AggregateSlotName(*call);
    const int slot = scope->Find(name);
    spec.slots.push_back(slot >= 0 ? static_cast<size_t>(slot) : scope->Add(name));
  }
  return spec;
}

std::string GroupSpec::KeyOf(const Row& row, ExecContext& ctx) const {
  std::vector<Value> values;
  for (const auto& key : keys) values.push_back(key->Eval(row, ctx));
  return CanonicalKey(values);
}

}  // namespace casql::exec
