// Compilation: errors raised before execution, constant folding, META(), the subquery hook
// and the borrowing path that lets scalar filters run without copying documents.
#include "executor/expr/aggregates.h"
#include "tests/executor/expr_test_util.h"

namespace casql::exec::testing {
namespace {

Status CompileError(const std::string& text) {
  auto result = Evaluate(text);
  return result.ok() ? Status() : result.status();
}

TEST(ExprCompile, UnknownFunctionAndArity) {
  Status s = CompileError("NO_SUCH_FUNCTION(1)");
  EXPECT_EQ(s.code(), 3000);
  EXPECT_EQ(s.message(), "Invalid function no_such_function");

  s = CompileError("LOWER()");
  EXPECT_EQ(s.code(), 3000);
  EXPECT_EQ(s.message(), "Number of arguments to function lower must be 1.");

  s = CompileError("SUBSTR(\"a\")");
  EXPECT_EQ(s.message(), "Number of arguments to function substr must be between 2 and 3.");

  s = CompileError("CONCAT(\"a\")");
  EXPECT_EQ(s.message(), "Number of arguments to function concat must be between 2 and 32767.");

  s = CompileError("PI(1)");
  EXPECT_EQ(s.message(), "Number of arguments to function pi must be 0.");

  // Inside collections and CASE too, even where evaluation would never reach the call.
  EXPECT_EQ(CompileError("CASE WHEN false THEN BOGUS() END").code(), 3000);
  EXPECT_EQ(CompileError("ARRAY BOGUS(x) FOR x IN [] END").code(), 3000);
}

TEST(ExprCompile, NamesAreCaseInsensitive) {
  RunTable({
      {"Lower(\"AB\")", "\"ab\""},
      {"array_LENGTH([1])", "1"},
      {"IfMissing(d.nothing, 2)", "2"},
  });
}

TEST(ExprCompile, AggregatesAreNotScalars) {
  for (const char* text : {"COUNT(d.a)", "SUM(1)", "ARRAY_AGG(d.a)", "1 + MAX(d.a)"}) {
    Status s = CompileError(text);
    EXPECT_EQ(s.code(), 3100) << text;
    EXPECT_NE(s.message().find("not allowed"), std::string::npos) << text;
  }
}

TEST(ExprCompile, WindowFunctionsAreRejected) {
  Status s = CompileError("ROW_NUMBER() OVER (ORDER BY d.a)");
  EXPECT_EQ(s.code(), 3100);
  EXPECT_NE(s.message().find("Window function row_number()"), std::string::npos) << s.message();
}

TEST(ExprCompile, MetaReadsTheRowsMetadata) {
  auto expr = ParseExpression("[META(d).id, META(d).cas, META(d).type, META(d).keyspace]");
  ASSERT_TRUE(expr.ok());
  CompileScope scope;
  scope.Add("d", true);
  auto compiled = Compile(expr.value(), scope);
  ASSERT_TRUE(compiled.ok()) << compiled.status().message();
  Row row;
  row.Bind(0, Value(Object{}));
  auto meta = std::make_shared<DocMeta>();
  meta->id = "k1";
  meta->cas = 42;
  meta->keyspace = "default:b";
  row.BindMeta(0, meta);
  ExecContext ctx(nullptr, ExecSettings{});
  EXPECT_EQ(ToJson(compiled.value()->Eval(row, ctx)), R"(["k1",42,"json","default:b"])");

  CompileScope plain;
  plain.Add("v");
  auto not_alias = Compile(ParseExpression("META(v)").value(), plain);
  EXPECT_FALSE(not_alias.ok());
}

TEST(ExprCompile, ConstantsFold) {
  CompileScope scope;
  scope.Add("d", true);
  auto folded =
      Compile(ParseExpression("UPPER(CONCAT(\"a\", \"b\")) || TOSTRING(1 + 2)").value(), scope);
  ASSERT_TRUE(folded.ok());
  ASSERT_NE(folded.value()->Constant(), nullptr);
  EXPECT_EQ(ToJson(*folded.value()->Constant()), "\"AB3\"");

  for (const char* text : {"d.a + 1", "RANDOM()", "NOW_MILLIS()", "UUID()", "$x + 1"}) {
    auto compiled = Compile(ParseExpression(text).value(), scope);
    ASSERT_TRUE(compiled.ok()) << text;
    EXPECT_EQ(compiled.value()->Constant(), nullptr) << text;
  }
}

TEST(ExprCompile, Parameters) {
  ExecContext ctx(nullptr, ExecSettings{});
  ctx.named_args["x"] = Value(int64_t{5});
  ctx.positional_args = {Value("p1")};
  auto result = Evaluate("[$x + 1, $1, $2, $nope]", kDefaultDoc, &ctx);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(ToJson(result.value()), R"([6,"p1",null,null])");
}

Result<EvaluatorPtr> ConstantSubquery(const ast::Expr&, const CompileScope&) {
  return MakeLiteral(Value(Array{Value(int64_t{1})}));
}

TEST(ExprCompile, SubqueriesNeedARegisteredCompiler) {
  Status s = CompileError("EXISTS (SELECT 1)");
  EXPECT_EQ(s.code(), 3100);
  EXPECT_NE(s.message().find("Subqueries"), std::string::npos);

  SetSubqueryCompiler(&ConstantSubquery);
  RunTable({
      {"(SELECT 1)", "[1]"},
      {"EXISTS (SELECT 1)", "true"},
      {"1 IN (SELECT 1)", "true"},
  });
  SetSubqueryCompiler(nullptr);
}

TEST(ExprCompile, FieldPathsBorrowTheDocument) {
  auto expr = ParseExpression("d.o.y");
  CompileScope scope;
  scope.Add("d", true);
  auto compiled = Compile(expr.value(), scope);
  ASSERT_TRUE(compiled.ok());
  Row row;
  row.Bind(0, ParseJsonOrDie(kDefaultDoc));
  ExecContext ctx(nullptr, ExecSettings{});
  Value scratch;
  const Value* ref = compiled.value()->EvalRef(row, ctx, &scratch);
  EXPECT_EQ(ref, &row.vars[0].Field("o").Field("y"));
  EXPECT_TRUE(scratch.IsMissing());
}

}  // namespace
}  // namespace casql::exec::testing
