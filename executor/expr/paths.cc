// Literals, names, field paths, elements, slices and the array/object constructors. Paths
// borrow: `d.a.b` walks the document in place and copies only when the caller needs a Value.
#include <cmath>

#include "executor/expr/evaluator.h"

namespace casql::exec {

namespace {

// The value `step` finds inside *base, kept alive when *base is the caller's scratch.
const Value* Step(const Value* base, const Value& found, Value* scratch) {
  if (base != scratch) return &found;
  Value keep = found;
  *scratch = std::move(keep);
  return scratch;
}

class LiteralEval final : public Evaluator {
 public:
  explicit LiteralEval(Value v) : value_(std::move(v)) {}
  Value Eval(const Row&, ExecContext&) const override { return value_; }
  const Value* EvalRef(const Row&, ExecContext&, Value*) const override { return &value_; }
  const Value* Constant() const override { return &value_; }

 private:
  Value value_;
};

// A name in scope: a keyspace alias's document or a variable's value.
class SlotEval final : public Evaluator {
 public:
  explicit SlotEval(size_t slot) : slot_(slot) {}
  Value Eval(const Row& row, ExecContext&) const override { return row.Var(slot_); }
  const Value* EvalRef(const Row& row, ExecContext&, Value*) const override {
    return &row.Var(slot_);
  }

 private:
  size_t slot_;
};

class FieldEval final : public Evaluator {
 public:
  FieldEval(EvaluatorPtr base, std::string name) : base_(std::move(base)), name_(std::move(name)) {}
  Value Eval(const Row& row, ExecContext& ctx) const override {
    Value scratch;
    return *EvalRef(row, ctx, &scratch);
  }
  const Value* EvalRef(const Row& row, ExecContext& ctx, Value* scratch) const override {
    const Value* base = base_->EvalRef(row, ctx, scratch);
    return Step(base, base->Field(name_), scratch);
  }

 private:
  EvaluatorPtr base_;
  std::string name_;
};

// d.[expr]: a name computed per row; a non-string name gives NULL (MISSING stays MISSING).
class DynamicFieldEval final : public Evaluator {
 public:
  DynamicFieldEval(EvaluatorPtr base, EvaluatorPtr name)
      : base_(std::move(base)), name_(std::move(name)) {}
  Value Eval(const Row& row, ExecContext& ctx) const override {
    Value scratch;
    return *EvalRef(row, ctx, &scratch);
  }
  const Value* EvalRef(const Row& row, ExecContext& ctx, Value* scratch) const override {
    Value name_scratch;
    const Value* name = name_->EvalRef(row, ctx, &name_scratch);
    if (!name->IsString()) {
      *scratch = name->IsMissing() ? Value() : Value::Null();
      return scratch;
    }
    const Value* base = base_->EvalRef(row, ctx, scratch);
    return Step(base, base->Field(name->AsString()), scratch);
  }

 private:
  EvaluatorPtr base_, name_;
};

// a[i]: negative indexes count from the end; an object indexed by a string is a field.
class ElementEval final : public Evaluator {
 public:
  ElementEval(EvaluatorPtr base, EvaluatorPtr index)
      : base_(std::move(base)), index_(std::move(index)) {}
  Value Eval(const Row& row, ExecContext& ctx) const override {
    Value scratch;
    return *EvalRef(row, ctx, &scratch);
  }
  const Value* EvalRef(const Row& row, ExecContext& ctx, Value* scratch) const override {
    Value index_scratch;
    const Value* index = index_->EvalRef(row, ctx, &index_scratch);
    const Value* base = base_->EvalRef(row, ctx, scratch);
    if (base->IsMissing() || index->IsMissing()) return Unknown(scratch, Value());
    if (base->IsObject() && index->IsString()) {
      return Step(base, base->Field(index->AsString()), scratch);
    }
    if (!base->IsArray() || !index->IsNumber()) return Unknown(scratch, Value::Null());
    const double d = index->AsDouble();
    if (d != std::floor(d)) return Unknown(scratch, Value::Null());
    return Step(base, base->Element(index->IsInt() ? index->AsInt() : static_cast<int64_t>(d)),
                scratch);
  }

 private:
  static const Value* Unknown(Value* scratch, Value v) {
    *scratch = std::move(v);
    return scratch;
  }
  EvaluatorPtr base_, index_;
};

// a[start:end]: negative bounds count from the end, an open end is the length; a range
// outside the array is NULL, as Couchbase's array slicing answers.
class SliceEval final : public Evaluator {
 public:
  SliceEval(EvaluatorPtr base, EvaluatorPtr start, EvaluatorPtr end)
      : base_(std::move(base)), start_(std::move(start)), end_(std::move(end)) {}
  Value Eval(const Row& row, ExecContext& ctx) const override {
    Value bs, ss, es;
    const Value* base = base_->EvalRef(row, ctx, &bs);
    const Value* start = start_->EvalRef(row, ctx, &ss);
    const Value* end = end_ ? end_->EvalRef(row, ctx, &es) : nullptr;
    if (base->IsMissing() || start->IsMissing() || (end && end->IsMissing())) return Value();
    if (!base->IsArray() || !start->IsNumber() || (end && !end->IsNumber())) return Value::Null();
    const Array& arr = base->AsArray();
    const int64_t size = static_cast<int64_t>(arr.size());
    int64_t from = static_cast<int64_t>(std::trunc(start->AsDouble()));
    int64_t to = end ? static_cast<int64_t>(std::trunc(end->AsDouble())) : size;
    if (from < 0) from += size;
    if (to < 0) to += size;
    if (from < 0 || to > size || from > to) return Value::Null();
    return Value(Array(arr.begin() + from, arr.begin() + to));
  }

 private:
  EvaluatorPtr base_, start_, end_;
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

// {name: value, ...}: a MISSING value leaves its field out; a name that is not a string
// makes the whole object NULL.
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

}  // namespace

EvaluatorPtr MakeLiteral(Value value) {
  return std::make_unique<LiteralEval>(std::move(value));
}
EvaluatorPtr MakeSlot(size_t slot) {
  return std::make_unique<SlotEval>(slot);
}
EvaluatorPtr MakeField(EvaluatorPtr base, std::string name) {
  return std::make_unique<FieldEval>(std::move(base), std::move(name));
}
EvaluatorPtr MakeDynamicField(EvaluatorPtr base, EvaluatorPtr name) {
  return std::make_unique<DynamicFieldEval>(std::move(base), std::move(name));
}
EvaluatorPtr MakeElement(EvaluatorPtr base, EvaluatorPtr index) {
  return std::make_unique<ElementEval>(std::move(base), std::move(index));
}
EvaluatorPtr MakeSlice(EvaluatorPtr base, EvaluatorPtr start, EvaluatorPtr end) {
  return std::make_unique<SliceEval>(std::move(base), std::move(start), std::move(end));
}
EvaluatorPtr MakeArray(std::vector<EvaluatorPtr> elements) {
  return std::make_unique<ArrayEval>(std::move(elements));
}
EvaluatorPtr MakeObject(std::vector<EvaluatorPtr> pairs) {
  return std::make_unique<ObjectEval>(std::move(pairs));
}

}  // namespace casql::exec
