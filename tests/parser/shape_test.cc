// Targeted checks of the trees built for tricky input: precedence, operand order, parameter
// numbering, quoting, number exactness, keyspace paths and statement fields.
#include <gtest/gtest.h>

#include <string>

#include "parser/parser.h"

namespace casql {
namespace {

using ast::ExprKind;
using ast::ExprOp;

ast::ExprPtr Expr(std::string_view text) {
  Result<ast::ExprPtr> r = ParseExpression(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().message();
  return r.ok() ? *r : nullptr;
}

std::string Printed(std::string_view text) {
  ast::ExprPtr e = Expr(text);
  return e ? ast::ToString(*e) : "";
}

template <typename T>
const T& Body(std::string_view text, ast::StatementPtr* keep) {
  Result<ast::StatementPtr> r = ParseStatement(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().message();
  *keep = r.ok() ? *r : std::make_shared<ast::Statement>(ast::Statement{T{}});
  return std::get<T>((*keep)->body);
}

TEST(ShapeTest, PrecedenceFollowsN1ql) {
  EXPECT_EQ(Printed("1 + 2 * 3"), "(1 + (2 * 3))");
  EXPECT_EQ(Printed("1 - 2 - 3"), "((1 - 2) - 3)");
  EXPECT_EQ(Printed("a OR b AND c"), "(`a` or (`b` and `c`))");
  EXPECT_EQ(Printed("NOT a = b"), "(not (`a` = `b`))");
  EXPECT_EQ(Printed("NOT a AND b"), "((not `a`) and `b`)");
  EXPECT_EQ(Printed("a || b = c"), "((`a` || `b`) = `c`)");
  EXPECT_EQ(Printed("a + b || c"), "((`a` + `b`) || `c`)");
  EXPECT_EQ(Printed("-a.b"), "(-(`a`.`b`))");
  EXPECT_EQ(Printed("-a * b"), "((-`a`) * `b`)");
  EXPECT_EQ(Printed("a BETWEEN 1 AND 2 AND c"), "((`a` between 1 and 2) and `c`)");
  EXPECT_EQ(Printed("a IS NULL = b"), "((`a` is null) = `b`)");
  EXPECT_EQ(Printed("a || b IS NULL"), "((`a` || `b`) is null)");
  EXPECT_EQ(Printed("EXISTS a IS NULL"), "(exists (`a` is null))");
  EXPECT_EQ(Printed("EXISTS a = b"), "((exists `a`) = `b`)");
  EXPECT_EQ(Printed("a < b = c"), "((`a` < `b`) = `c`)");
  EXPECT_EQ(Printed("a IN b AND c"), "((`a` in `b`) and `c`)");
  EXPECT_EQ(Printed("a LIKE b OR c"), "((`a` like `b`) or `c`)");
}

TEST(ShapeTest, GreaterThanIsStoredAsSwappedLessThan) {
  ast::ExprPtr gt = Expr("a > b");
  ASSERT_TRUE(gt);
  EXPECT_EQ(gt->op, ExprOp::kLt);
  EXPECT_EQ(gt->args[0]->name, "b");
  EXPECT_EQ(gt->args[1]->name, "a");
  EXPECT_EQ(ast::ToString(*gt), "(`b` < `a`)");
  ast::ExprPtr ge = Expr("a >= 1");
  ASSERT_TRUE(ge);
  EXPECT_EQ(ge->op, ExprOp::kLe);
  EXPECT_EQ(ast::ToString(*ge), "(1 <= `a`)");
  EXPECT_EQ(Printed("a <> b"), "(`a` != `b`)");
  EXPECT_EQ(Printed("a == b"), "(`a` = `b`)");
}

TEST(ShapeTest, ReferenceUpdatePrintsLikeCouchbase) {
  ast::StatementPtr keep;
  const auto& u = Body<ast::UpdateStatement>(
      "update Project.Dev.admin SET LastLogin = '2023-02-03 11:53:45' WHERE Id = '19'", &keep);
  EXPECT_EQ(u.keyspace.path, (std::vector<std::string>{"Project", "Dev", "admin"}));
  EXPECT_TRUE(u.keyspace.ns.empty());
  ASSERT_EQ(u.set.size(), 1u);
  EXPECT_EQ(ast::ToString(u.set[0].path), "`LastLogin`");
  EXPECT_EQ(ast::ToString(u.set[0].value), "\"2023-02-03 11:53:45\"");
  EXPECT_EQ(ast::ToString(u.where), "(`Id` = \"19\")");
  EXPECT_EQ(Printed("t.Id = \"19\""), "((`t`.`Id`) = \"19\")");
  EXPECT_EQ(Printed("META(h).cas"), "(meta(`h`).`cas`)");
}

TEST(ShapeTest, QuestionMarksAreNumberedInTextOrder) {
  ast::StatementPtr keep;
  const auto& s = Body<ast::SelectStatement>(
      "SELECT ? FROM t WHERE a > ? AND ANY v IN ? SATISFIES v = ? END LIMIT ?", &keep);
  EXPECT_EQ(s.first.block->projection.terms[0].expr->position, 1);
  const ast::ExprPtr& where = s.first.block->where;
  // a > ? is stored as (? < a): the parameter is the left operand.
  EXPECT_EQ(where->args[0]->args[0]->position, 2);
  const ast::ExprPtr& any = where->args[1];
  EXPECT_EQ(any->bindings[0].expr->position, 3);
  EXPECT_EQ(any->args[0]->args[1]->position, 4);
  EXPECT_EQ(s.limit->position, 5);
  EXPECT_EQ(ast::ToString(s.limit), "$5");
}

TEST(ShapeTest, NamedAndNumberedParameters) {
  ast::ExprPtr named = Expr("$name");
  EXPECT_EQ(named->kind, ExprKind::kParameter);
  EXPECT_EQ(named->name, "name");
  EXPECT_EQ(Expr("@name")->name, "name");
  EXPECT_EQ(Expr("$12")->position, 12);
  EXPECT_EQ(Printed("@x"), "$x");
}

TEST(ShapeTest, BackticksAndKeywordsAsFields) {
  ast::ExprPtr e = Expr("`a``b`.`x-y`.value.`select`");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->name, "select");
  EXPECT_EQ(e->args[0]->name, "value");
  EXPECT_EQ(e->args[0]->args[0]->name, "x-y");
  EXPECT_EQ(e->args[0]->args[0]->args[0]->name, "a`b");
  EXPECT_EQ(ast::ToString(*e), "(((`a``b`.`x-y`).`value`).`select`)");
  EXPECT_EQ(Expr("t.VALUE")->name, "VALUE");  // field names keep their case
  EXPECT_EQ(Expr("Abc")->name, "Abc");
}

TEST(ShapeTest, StringEscapes) {
  EXPECT_EQ(Expr(R"("a\"b\\c\/d\n\t")")->value.AsString(), "a\"b\\c/d\n\t");
  EXPECT_EQ(Expr("'it''s'")->value.AsString(), "it's");
  EXPECT_EQ(Expr(R"("say ""hi""")")->value.AsString(), "say \"hi\"");
  EXPECT_EQ(Expr(R"('a\'b')")->value.AsString(), "a'b");
  EXPECT_EQ(Expr(R"("\u00e9")")->value.AsString(), "\xc3\xa9");
  EXPECT_EQ(Expr(R"("\ud83d\ude00")")->value.AsString(), "\xf0\x9f\x98\x80");
  EXPECT_EQ(Printed("'single'"), "\"single\"");
}

TEST(ShapeTest, NumbersKeepTheirForm) {
  ast::ExprPtr big = Expr("9007199254740993");
  ASSERT_TRUE(big->value.IsInt());
  EXPECT_EQ(big->value.AsInt(), 9007199254740993);
  EXPECT_EQ(ast::ToString(*big), "9007199254740993");
  EXPECT_EQ(Expr("9223372036854775807")->value.AsInt(), INT64_MAX);
  EXPECT_TRUE(Expr("9223372036854775808")->value.IsDouble());
  EXPECT_TRUE(Expr("1.0")->value.IsDouble());
  EXPECT_TRUE(Expr("1e3")->value.IsDouble());
  EXPECT_DOUBLE_EQ(Expr("2.5e-3")->value.AsDouble(), 0.0025);
  EXPECT_DOUBLE_EQ(Expr(".5")->value.AsDouble(), 0.5);
  ast::ExprPtr neg = Expr("-1");
  EXPECT_EQ(neg->kind, ExprKind::kUnary);
  EXPECT_EQ(neg->op, ExprOp::kNeg);
}

TEST(ShapeTest, LiteralsOfEveryType) {
  EXPECT_TRUE(Expr("NULL")->value.IsNull());
  EXPECT_TRUE(Expr("missing")->value.IsMissing());
  EXPECT_EQ(Expr("MISSING")->kind, ExprKind::kLiteral);
  EXPECT_TRUE(Expr("TRUE")->value.AsBool());
  EXPECT_FALSE(Expr("false")->value.AsBool());
  EXPECT_EQ(Expr("[1, 2]")->kind, ExprKind::kArrayConstruct);
  ast::ExprPtr obj = Expr("{\"a\": 1, \"b\": x}");
  EXPECT_EQ(obj->kind, ExprKind::kObjectConstruct);
  EXPECT_EQ(obj->args.size(), 4u);
  EXPECT_EQ(ast::ToString(*obj), "{\"a\": 1, \"b\": `x`}");
}

TEST(ShapeTest, NavigationShapes) {
  ast::ExprPtr slice = Expr("a[1:]");
  EXPECT_EQ(slice->kind, ExprKind::kSlice);
  EXPECT_EQ(slice->args.size(), 2u);
  EXPECT_EQ(ast::ToString(*slice), "(`a`[1 : ])");
  EXPECT_EQ(Expr("a[1:3]")->args.size(), 3u);
  EXPECT_EQ(Expr("a[0]")->kind, ExprKind::kElement);
  EXPECT_EQ(Expr("a.[b]")->kind, ExprKind::kDynamicField);
  EXPECT_EQ(Printed("a.b[0].c"), "(((`a`.`b`)[0]).`c`)");
}

TEST(ShapeTest, FunctionsAndAggregates) {
  ast::ExprPtr count = Expr("COUNT(*)");
  EXPECT_EQ(count->name, "count");
  EXPECT_TRUE(count->star);
  EXPECT_EQ(ast::ToString(*count), "count(*)");
  ast::ExprPtr distinct = Expr("Count(DISTINCT x)");
  EXPECT_TRUE(distinct->distinct);
  EXPECT_EQ(ast::ToString(*distinct), "count(distinct `x`)");
  ast::ExprPtr meta = Expr("META().id");
  EXPECT_EQ(meta->kind, ExprKind::kField);
  EXPECT_EQ(meta->args[0]->name, "meta");
  EXPECT_TRUE(meta->args[0]->args.empty());
  ast::ExprPtr window = Expr("SUM(x) OVER (PARTITION BY a ORDER BY b DESC ROWS 2 PRECEDING)");
  ASSERT_TRUE(window->window);
  EXPECT_EQ(window->window->frame, "ROWS 2 PRECEDING");
  EXPECT_EQ(window->window->order_desc, std::vector<bool>{true});
}

TEST(ShapeTest, CaseAndCollections) {
  ast::ExprPtr searched = Expr("CASE WHEN a THEN 1 ELSE 2 END");
  EXPECT_EQ(searched->args[0], nullptr);
  EXPECT_EQ(searched->args.size(), 3u);
  ASSERT_TRUE(searched->else_expr);
  EXPECT_EQ(Expr("CASE x WHEN 1 THEN 2 END")->args[0]->name, "x");
  ast::ExprPtr every = Expr("ANY AND EVERY i : v IN arr SATISFIES v > i END");
  EXPECT_EQ(every->quantifier, ast::Quantifier::kAnyAndEvery);
  EXPECT_EQ(every->bindings[0].name_var, "i");
  EXPECT_EQ(every->bindings[0].var, "v");
  ast::ExprPtr array = Expr("ARRAY v FOR v WITHIN doc WHEN v > 0 END");
  EXPECT_EQ(array->kind, ExprKind::kArrayFor);
  EXPECT_TRUE(array->bindings[0].within);
  EXPECT_EQ(array->args.size(), 2u);
  EXPECT_EQ(Expr("OBJECT k : v FOR k IN ks END")->args.size(), 2u);
}

TEST(ShapeTest, KeyspacePaths) {
  ast::StatementPtr keep;
  const auto& s = Body<ast::SelectStatement>(
      "SELECT * FROM default:`travel-sample`.inventory.hotel AS h USE KEYS [\"a\"]", &keep);
  const ast::FromSource& src = s.first.block->from->first;
  EXPECT_EQ(src.kind, ast::FromSource::Kind::kKeyspace);
  EXPECT_EQ(src.keyspace.ns, "default");
  EXPECT_EQ(src.keyspace.path, (std::vector<std::string>{"travel-sample", "inventory", "hotel"}));
  EXPECT_EQ(src.keyspace.alias, "h");
  EXPECT_EQ(ast::ToString(src.use.keys), "[\"a\"]");
  const auto& sys = Body<ast::SelectStatement>("SELECT * FROM system:keyspaces", &keep);
  EXPECT_EQ(sys.first.block->from->first.keyspace.ns, "system");
  const auto& expr = Body<ast::SelectStatement>("SELECT * FROM a.b.c.d AS x", &keep);
  EXPECT_EQ(expr.first.block->from->first.kind, ast::FromSource::Kind::kExpression);
  const auto& sub = Body<ast::SelectStatement>("SELECT * FROM (SELECT 1) AS q", &keep);
  EXPECT_EQ(sub.first.block->from->first.kind, ast::FromSource::Kind::kSubquery);
  EXPECT_EQ(sub.first.block->from->first.alias, "q");
}

TEST(ShapeTest, UpdateClauses) {
  ast::StatementPtr keep;
  const auto& u = Body<ast::UpdateStatement>(
      "UPDATE b AS t USE KEYS \"k\" SET META(t).expiration = 10, t.a = 1 FOR v IN t.arr WHEN v "
      "END UNSET t.c WHERE t.x = 1 LIMIT 5 RETURNING t.a",
      &keep);
  EXPECT_EQ(u.keyspace.alias, "t");
  ASSERT_EQ(u.set.size(), 2u);
  EXPECT_TRUE(u.set[0].meta);
  EXPECT_EQ(ast::ToString(u.set[0].path), "(meta(`t`).`expiration`)");
  EXPECT_FALSE(u.set[1].meta);
  ASSERT_TRUE(u.set[1].update_for);
  EXPECT_EQ(u.set[1].update_for->levels.size(), 1u);
  EXPECT_TRUE(u.set[1].update_for->when);
  EXPECT_EQ(u.unset.size(), 1u);
  EXPECT_TRUE(u.limit);
  EXPECT_EQ(u.returning.terms.size(), 1u);
  EXPECT_TRUE(ast::IsMutation(*keep));
}

TEST(ShapeTest, GroupTermAliasesBecomeLettingBindingsFirst) {
  ast::StatementPtr keep;
  const auto& select = Body<ast::SelectStatement>(
      "SELECT c, n FROM t GROUP BY t.city AS c, t.year y LETTING n = COUNT(*)", &keep);
  const ast::SelectBlock& block = *select.first.block;
  ASSERT_EQ(block.group_by.size(), 2u);
  EXPECT_EQ(ast::ToString(*block.group_by[0]), "(`t`.`city`)");
  ASSERT_EQ(block.letting.size(), 3u);
  EXPECT_EQ(block.letting[0].var, "c");
  EXPECT_EQ(ast::ToString(*block.letting[0].expr), "(`t`.`city`)");
  EXPECT_EQ(block.letting[1].var, "y");
  EXPECT_EQ(ast::ToString(*block.letting[1].expr), "(`t`.`year`)");
  EXPECT_EQ(block.letting[2].var, "n");
}

TEST(ShapeTest, InsertForms) {
  ast::StatementPtr keep;
  const auto& values = Body<ast::InsertStatement>(
      "INSERT INTO b (KEY, VALUE) VALUES (\"k\", 1), (\"j\", 2, {\"expiration\": 5})", &keep);
  ASSERT_EQ(values.values.size(), 2u);
  EXPECT_FALSE(values.values[0].options);
  EXPECT_TRUE(values.values[1].options);
  ast::StatementPtr keep2;
  const auto& select =
      Body<ast::InsertStatement>("UPSERT INTO b (KEY k, OPTIONS o) SELECT 1 AS k, {} AS o", &keep2);
  EXPECT_TRUE(select.upsert);
  EXPECT_TRUE(select.key_expr);
  EXPECT_FALSE(select.value_expr);
  EXPECT_TRUE(select.options_expr);
  EXPECT_TRUE(select.select);
}

TEST(ShapeTest, PrepareKeepsInnerText) {
  ast::StatementPtr keep;
  const auto& p =
      Body<ast::PrepareStatement>("PREPARE p1 FROM select *  from t where a = ?;", &keep);
  EXPECT_EQ(p.name, "p1");
  EXPECT_EQ(p.inner_text, "select *  from t where a = ?");
  ASSERT_TRUE(p.inner);
  EXPECT_TRUE(std::holds_alternative<ast::SelectStatement>(p.inner->body));
  EXPECT_FALSE(ast::IsMutation(*keep));
}

TEST(ShapeTest, DropIndexForms) {
  ast::StatementPtr keep;
  const auto& dotted = Body<ast::DropIndexStatement>("DROP INDEX b.s.c.idx IF EXISTS", &keep);
  EXPECT_EQ(dotted.name, "idx");
  EXPECT_EQ(dotted.keyspace.path, (std::vector<std::string>{"b", "s", "c"}));
  EXPECT_TRUE(dotted.if_exists);
  ast::StatementPtr keep2;
  const auto& on = Body<ast::DropIndexStatement>("DROP INDEX idx ON b USING GSI", &keep2);
  EXPECT_EQ(on.name, "idx");
  EXPECT_EQ(on.using_, "gsi");
}

TEST(ShapeTest, IndexKeys) {
  ast::StatementPtr keep;
  const auto& c = Body<ast::CreateIndexStatement>(
      "CREATE INDEX i ON b(a DESC, DISTINCT ARRAY v FOR v IN arr END) WHERE x > 1 WITH {}", &keep);
  ASSERT_EQ(c.keys.size(), 2u);
  EXPECT_TRUE(c.keys[0].desc);
  EXPECT_EQ(c.keys[1].expr->kind, ExprKind::kArrayFor);
  EXPECT_TRUE(c.keys[1].expr->distinct);
  EXPECT_TRUE(c.where);
  EXPECT_TRUE(c.with);
}

}  // namespace
}  // namespace casql
