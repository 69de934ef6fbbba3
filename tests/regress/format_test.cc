// The .test parser, concurrent outcome checks and exclusion rules of `casql regress`.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "cli/regress_concurrent.h"
#include "cli/regress_exclusions.h"
#include "cli/regress_test_format.h"

namespace casql::regress {
namespace {

TEST(TestFormat, ParsesEveryRecordKind) {
  auto records = ParseTestFile(R"(# name: x
statement ok mutations 2
INSERT INTO b VALUES ("k", {})

statement error 12009 mutations 1 /CAS mismatch/
UPDATE b
SET n = 1
----
{"code": 12009}

query rowsort
SELECT 1
----
{"$1": 1}
2

explain
SELECT 1
----
$explan.text = "SELECT 1"

concurrent 16 x 50
UPDATE b SET n = 1
----
success + error:12009 = total

set scan_consistency request_plus

set $x {"a": 1}

reset cas_retries

skip not yet
restart
)");
  ASSERT_TRUE(records.ok()) << records.status().message();
  const auto& r = records.value();
  ASSERT_EQ(r.size(), 9u);
  EXPECT_EQ(r[0].kind, TestRecord::Kind::kStatement);
  EXPECT_EQ(r[0].line, 2);
  EXPECT_FALSE(r[0].expect_error);
  EXPECT_EQ(r[0].mutations, 2);
  EXPECT_TRUE(r[1].expect_error);
  EXPECT_EQ(r[1].error_code, 12009);
  EXPECT_EQ(r[1].mutations, 1);
  EXPECT_EQ(r[1].error_regex, "CAS mismatch");
  EXPECT_EQ(r[1].sql, "UPDATE b\nSET n = 1");
  ASSERT_EQ(r[1].expected_errors.size(), 1u);
  EXPECT_TRUE(r[2].rowsort);
  ASSERT_EQ(r[2].rows.size(), 2u);
  EXPECT_EQ(r[2].rows[1], Value(int64_t{2}));
  EXPECT_EQ(r[3].assertions, std::vector<std::string>{"$explan.text = \"SELECT 1\""});
  EXPECT_EQ(r[4].clients, 16);
  EXPECT_EQ(r[4].runs, 50);
  ASSERT_EQ(r[4].checks.size(), 1u);
  EXPECT_EQ(r[5].param_value, Value("request_plus"));
  EXPECT_EQ(r[6].param_name, "$x");
  EXPECT_TRUE(r[6].param_value.IsObject());
  EXPECT_EQ(r[7].kind, TestRecord::Kind::kReset);
  EXPECT_EQ(r[8].kind, TestRecord::Kind::kRestart);
  EXPECT_EQ(r[8].skip_reason, "not yet");
}

TEST(TestFormat, QueryWithNoRowsExpectsNone) {
  auto records = ParseTestFile("query\nSELECT 1\n----\n\nstatement ok\nSELECT 2\n");
  ASSERT_TRUE(records.ok());
  EXPECT_TRUE(records.value()[0].rows.empty());
  EXPECT_EQ(records.value()[1].sql, "SELECT 2");
}

TEST(TestFormat, MalformedRecordsNameTheirLine) {
  const char* bad[] = {
      "query\nSELECT 1\n",                       // no ----
      "\n\nquery\nSELECT 1\n----\n{not json\n",  // bad row
      "statement maybe\nSELECT 1\n",
      "skip\nstatement ok\nSELECT 1\n",  // skip without reason
      "skip why\n",                      // skip at the end
      "concurrent 0 x 5\nSELECT 1\n----\nsuccess = total\n",
      "concurrent 2 x 5\nSELECT 1\n----\nsuccess == total\n",
      "frobnicate\n",
  };
  for (const char* text : bad) {
    auto records = ParseTestFile(text);
    EXPECT_FALSE(records.ok()) << text;
    EXPECT_EQ(records.status().message().rfind("line ", 0), 0u) << records.status().message();
  }
}

TEST(OutcomeChecks, EvaluateSumsOfCounts) {
  OutcomeCounts counts;
  counts.total = 10;
  counts.success = 7;
  counts.any_error = 3;
  counts.by_code[12009] = 3;
  auto holds = ParseOutcomeCheck("success + error:12009 = total", 1);
  auto fails = ParseOutcomeCheck("error:12009 >= 4", 2);
  auto zero = ParseOutcomeCheck("error:3000 = 0", 3);
  ASSERT_TRUE(holds.ok() && fails.ok() && zero.ok());
  auto failed = FailedChecks({holds.value(), fails.value(), zero.value()}, counts);
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_NE(failed[0].find("line 2"), std::string::npos) << failed[0];
  EXPECT_NE(failed[0].find("(3 >= 4)"), std::string::npos) << failed[0];
}

TEST(Exclusions, MatchFilesByTrailingComponentsAndLines) {
  char path[] = "/tmp/casql-exclusions-XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  std::ofstream(path) << "# comment\n"
                         "filestore/test_cases/joins/*  missing data\n"
                         "cases/case_func_date.json:302  clock-dependent\n";
  auto loaded = Exclusions::Load(path);
  std::remove(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const Exclusions& ex = loaded.value();
  const auto* joins = ex.Match("/x/peer/filestore/test_cases/joins/case_joins.json", 7);
  ASSERT_NE(joins, nullptr);
  EXPECT_EQ(joins->reason, "missing data");
  EXPECT_EQ(ex.Match("/x/peer/filestore/test_cases/unnest/case_unnest.json", 7), nullptr);
  EXPECT_NE(ex.Match("../json/default/cases/case_func_date.json", 302), nullptr);
  EXPECT_EQ(ex.Match("../json/default/cases/case_func_date.json", 303), nullptr);
}

}  // namespace
}  // namespace casql::regress
