#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "executor/expr/evaluator.h"
#include "parser/parser.h"
#include "value/json.h"

namespace casql::exec::testing {

// The document most rows read as `d` unless they give their own.
inline constexpr const char* kDefaultDoc =
    R"({"a": 1, "b": 2.5, "s": "hello", "n": null, "arr": [1, 2, 3], "o": {"x": 1, "y": "z"},)"
    R"( "t": true, "e": [], "words": "the quick brown fox", "neg": -7})";

// One table row: an expression over `d`, the document (empty: kDefaultDoc) and the expected
// result as JSON, or "MISSING".
struct ExprCase {
  const char* expr;
  const char* expected;
  const char* doc = "";
};

inline Value ParseJsonOrDie(const std::string& text) {
  auto parsed = ParseJson(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.status().message();
  return parsed.ok() ? parsed.value() : Value();
}

// Compiles `text` with `d` bound to slot 0 (a keyspace alias) and evaluates it over `doc`.
inline Result<Value> Evaluate(const std::string& text, const std::string& doc = kDefaultDoc,
                              ExecContext* context = nullptr) {
  auto expr = ParseExpression(text);
  if (!expr.ok()) return expr.status();
  CompileScope scope;
  scope.Add("d", /*keyspace=*/true);
  auto compiled = Compile(expr.value(), scope);
  if (!compiled.ok()) return compiled.status();
  Row row;
  row.Bind(0, ParseJsonOrDie(doc));
  ExecContext own(nullptr, ExecSettings{});
  return compiled.value()->Eval(row, context ? *context : own);
}

inline std::string Show(const Value& v) {
  return v.IsMissing() ? "MISSING" : ToJson(v);
}

inline void RunTable(const std::vector<ExprCase>& cases) {
  for (const ExprCase& c : cases) {
    SCOPED_TRACE(c.expr);
    auto result = Evaluate(c.expr, *c.doc ? c.doc : kDefaultDoc);
    ASSERT_TRUE(result.ok()) << result.status().message();
    const std::string expected_text = c.expected;
    if (expected_text == "MISSING") {
      EXPECT_TRUE(result.value().IsMissing()) << "got " << Show(result.value());
      continue;
    }
    if (expected_text == "NaN" || expected_text == "+Infinity" || expected_text == "-Infinity") {
      EXPECT_TRUE(result.value().IsDouble()) << "got " << Show(result.value());
      EXPECT_EQ(Show(result.value()), "\"" + expected_text + "\"");
      continue;
    }
    const Value expected = ParseJsonOrDie(expected_text);
    EXPECT_TRUE(result.value() == expected)
        << "got " << Show(result.value()) << ", want " << expected_text;
    EXPECT_EQ(result.value().type(), expected.type()) << "got " << Show(result.value());
  }
}

}  // namespace casql::exec::testing
