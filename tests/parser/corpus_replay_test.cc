// Replays the fuzzer's checked-in seed corpus through ParseStatement in every build, so the
// inputs the fuzzer starts from are known not to crash, hang or throw.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "parser/parser.h"

namespace casql {
namespace {

TEST(CorpusReplayTest, SeedCorpusParsesWithoutCrashing) {
  const std::filesystem::path dir(CASQL_PARSER_CORPUS_DIR);
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    Result<ast::StatementPtr> r = ParseStatement(text);
    if (r.ok()) {
      // Whatever parses must also survive the printer and parse back equal.
      Result<ast::StatementPtr> again = ParseStatement(ast::ToString(**r));
      ASSERT_TRUE(again.ok()) << entry.path() << ": " << again.status().message();
      EXPECT_TRUE(**r == **again) << entry.path();
    } else {
      EXPECT_EQ(r.status().code(), 3000) << entry.path();
    }
    ++files;
  }
  EXPECT_GE(files, 24u);
}

}  // namespace
}  // namespace casql
