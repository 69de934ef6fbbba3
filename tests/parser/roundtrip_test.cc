// Every valid statement parses, prints, and parses back to an equal tree whose text is stable.
#include <gtest/gtest.h>

#include <string>

#include "parser/parser.h"
#include "tests/parser/valid_statements.h"

namespace casql {
namespace {

class ValidStatementTest : public ::testing::TestWithParam<std::string_view> {};

TEST_P(ValidStatementTest, ParsesAndRoundTrips) {
  const std::string_view text = GetParam();
  Result<ast::StatementPtr> first = ParseStatement(text);
  ASSERT_TRUE(first.ok()) << text << "\n" << first.status().message();
  const std::string printed = ast::ToString(**first);
  Result<ast::StatementPtr> second = ParseStatement(printed);
  ASSERT_TRUE(second.ok()) << printed << "\n" << second.status().message();
  EXPECT_TRUE(**first == **second)
      << text << "\nprinted: " << printed << "\nreprinted: " << ast::ToString(**second);
  EXPECT_EQ(printed, ast::ToString(**second));
}

INSTANTIATE_TEST_SUITE_P(Statements, ValidStatementTest,
                         ::testing::ValuesIn(testing::ValidStatements()));

TEST(ValidStatementsTest, TableIsLargeEnough) {
  EXPECT_GE(testing::ValidStatements().size(), 300u);
}

}  // namespace
}  // namespace casql
