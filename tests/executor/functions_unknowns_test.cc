// Every registered function against MISSING, NULL and values of every type: the declared
// MISSING/NULL rule holds, and no combination of argument types crashes or throws.
#include <vector>

#include "executor/functions/registry.h"
#include "tests/executor/expr_test_util.h"

namespace casql::exec::testing {
namespace {

// Calls `name` with literal arguments (MISSING as a missing field of `d`).
Value Call(const FunctionDef& def, const std::vector<Value>& args) {
  std::vector<ast::ExprPtr> exprs;
  for (const Value& v : args) {
    exprs.push_back(v.IsMissing() ? ast::MakeField(ast::MakeIdentifier("d"), "nothing")
                                  : ast::MakeLiteral(v));
  }
  CompileScope scope;
  scope.Add("d", true);
  auto compiled = Compile(ast::MakeFunction(std::string(def.name), std::move(exprs)), scope);
  EXPECT_TRUE(compiled.ok()) << def.name << ": " << compiled.status().message();
  if (!compiled.ok()) return Value();
  Row row;
  row.Bind(0, Value(Object{}));
  ExecContext ctx(nullptr, ExecSettings{});
  return compiled.value()->Eval(row, ctx);
}

std::vector<Value> Samples() {
  return {Value(),
          Value::Null(),
          Value(true),
          Value(int64_t{0}),
          Value(-1.5),
          Value(int64_t{3}),
          Value(""),
          Value("x1 y"),
          Value("2016-05-15T03:59:00Z"),
          Value(Array{}),
          Value(Array{Value(int64_t{1}), Value("a")}),
          Value(Object{}),
          Value(Object{{"a", Value(int64_t{1})}})};
}

int Arity(const FunctionDef& def) {
  return def.min_args > 0 ? def.min_args : (def.max_args == 0 ? 0 : 1);
}

TEST(FunctionsUnknowns, DeclaredRuleHoldsForEveryFunction) {
  int checked = 0;
  for (const FunctionDef* def : AllFunctions()) {
    const int n = Arity(*def);
    if (n == 0 || def->unknown == UnknownArgs::kRaw) continue;
    for (int i = 0; i < n; ++i) {
      std::vector<Value> args(static_cast<size_t>(n), Value("x"));
      args[static_cast<size_t>(i)] = Value();
      EXPECT_TRUE(Call(*def, args).IsMissing()) << def->name << " MISSING at " << i;
      if (def->unknown == UnknownArgs::kPropagate) {
        args[static_cast<size_t>(i)] = Value::Null();
        EXPECT_TRUE(Call(*def, args).IsNull()) << def->name << " NULL at " << i;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 150);
}

TEST(FunctionsUnknowns, EveryTypeCombinationEvaluates) {
  const std::vector<Value> samples = Samples();
  size_t calls = 0;
  for (const FunctionDef* def : AllFunctions()) {
    // Up to three arguments take every sample (an odometer over the combinations); further
    // ones are a date-part name, the one string several date functions need.
    const int n = Arity(*def);
    const int varied = std::min(n, 3);
    std::vector<size_t> digit(static_cast<size_t>(varied), 0);
    while (true) {
      std::vector<Value> args;
      for (size_t d : digit) args.push_back(samples[d]);
      while (static_cast<int>(args.size()) < n) args.push_back(Value("day"));
      const Value result = Call(*def, args);
      ++calls;
      if (def->unknown != UnknownArgs::kRaw &&
          std::any_of(args.begin(), args.end(), [](const Value& v) { return v.IsMissing(); })) {
        EXPECT_TRUE(result.IsMissing()) << def->name;
      }
      size_t k = 0;
      while (k < digit.size() && ++digit[k] == samples.size()) digit[k++] = 0;
      if (k == digit.size()) break;
    }
  }
  EXPECT_GT(calls, 40000u);
}

}  // namespace
}  // namespace casql::exec::testing
