// Hostile input: deep nesting, long operator chains, oversized and malformed statements all
// fail with a 3000 status instead of crashing.
#include <gtest/gtest.h>

#include <string>

#include "parser/parser.h"

namespace casql {
namespace {

void ExpectSyntaxError(std::string_view text, std::string_view message_part) {
  Result<ast::StatementPtr> r = ParseStatement(text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), 3000);
  EXPECT_NE(r.status().message().find(message_part), std::string::npos) << r.status().message();
}

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out.append(s);
  return out;
}

TEST(LimitsTest, NestingUpToTheLimitParses) {
  const std::string text = "SELECT " + Repeat("(", 200) + "1" + Repeat(")", 200);
  EXPECT_TRUE(ParseStatement(text).ok());
}

TEST(LimitsTest, DeepParenthesesAreRejected) {
  ExpectSyntaxError("SELECT " + Repeat("(", 100000), "nesting exceeds 256 levels");
  ExpectSyntaxError("SELECT " + Repeat("(", 300) + "1" + Repeat(")", 300), "line 1, column 264");
}

TEST(LimitsTest, DeepBracketsBracesAndKeywordsAreRejected) {
  ExpectSyntaxError("SELECT " + Repeat("[", 100000), "nesting exceeds");
  ExpectSyntaxError("SELECT " + Repeat("{\"a\":", 100000), "nesting exceeds");
  ExpectSyntaxError("SELECT " + Repeat("CASE WHEN ", 100000), "nesting exceeds");
  ExpectSyntaxError("SELECT " + Repeat("ARRAY ", 100000), "nesting exceeds");
  ExpectSyntaxError("SELECT " + Repeat("ANY v IN ", 100000), "nesting exceeds");
}

TEST(LimitsTest, LongPrefixOperatorRunsAreRejected) {
  ExpectSyntaxError("SELECT " + Repeat("NOT ", 100000) + "a", "nesting exceeds");
  ExpectSyntaxError("SELECT " + Repeat("- ", 100000) + "1", "nesting exceeds");
  ExpectSyntaxError("SELECT " + Repeat("EXISTS ", 100000) + "a", "nesting exceeds");
}

TEST(LimitsTest, LongOperatorChainsAreRejectedWithoutRecursingPastTheLimit) {
  ExpectSyntaxError("SELECT 1" + Repeat(" + 1", 200000), "Expression nesting exceeds the limit");
  ExpectSyntaxError("SELECT a" + Repeat(".b", 200000), "Expression nesting exceeds the limit");
  ExpectSyntaxError("SELECT a" + Repeat("[0]", 200000), "Expression nesting exceeds the limit");
  EXPECT_TRUE(ParseStatement("SELECT * FROM t WHERE " + Repeat("a = 1 OR ", 500) + "a = 2").ok());
}

TEST(LimitsTest, OversizedStatementIsRejected) {
  std::string text = "SELECT \"" + std::string(kMaxStatementBytes, 'x') + "\"";
  ExpectSyntaxError(text, "over the limit of 1048576");
}

TEST(LimitsTest, MalformedInputIsRejected) {
  ExpectSyntaxError(std::string_view("SELECT \xff", 8), "invalid UTF-8 at byte offset 7");
  ExpectSyntaxError(std::string_view("SELECT 1\0", 9), "line 1, column 9");
  ExpectSyntaxError("", "at end of input");
  ExpectSyntaxError("   ", "at end of input");
  ExpectSyntaxError(";", "syntax error");
}

TEST(LimitsTest, ExpressionEntryPointHasTheSameLimits) {
  Result<ast::ExprPtr> r = ParseExpression(Repeat("(", 100000));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), 3000);
  EXPECT_FALSE(ParseExpression("1 +").ok());
  EXPECT_FALSE(ParseExpression("SELECT 1").ok());
}

}  // namespace
}  // namespace casql
