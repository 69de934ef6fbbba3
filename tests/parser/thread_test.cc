// The parser is shared by all request threads: parsing concurrently (which also fills the
// shared ANTLR DFA cache concurrently) gives the same trees as parsing alone.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "parser/parser.h"
#include "tests/parser/valid_statements.h"

namespace casql {
namespace {

TEST(ThreadTest, FourThreadsParseConcurrently) {
  const std::vector<std::string_view>& statements = testing::ValidStatements();
  std::vector<std::string> expected;
  for (std::string_view s : statements) {
    Result<ast::StatementPtr> r = ParseStatement(s);
    expected.push_back(r.ok() ? ast::ToString(**r) : r.status().message());
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        for (size_t i = 0; i < statements.size(); ++i) {
          // Each thread walks the table from a different starting point.
          const size_t k = (i + static_cast<size_t>(t) * statements.size() / 4) % statements.size();
          Result<ast::StatementPtr> r = ParseStatement(statements[k]);
          const std::string got = r.ok() ? ast::ToString(**r) : r.status().message();
          if (got != expected[k]) mismatches.fetch_add(1);
          Result<ast::StatementPtr> bad = ParseStatement("SELECT * FRM t");
          if (bad.ok()) mismatches.fetch_add(1);
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace casql
