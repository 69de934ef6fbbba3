// `casql regress` end to end on an embedded server: wrong expectations must fail, each with
// its line; skips are counted as skipped; state and parameters carry through a file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "cli/regress_test_runner.h"

namespace casql::regress {
namespace {

FileReport RunText(const std::string& text) {
  char path[] = "/tmp/casql-regress-test-XXXXXX";
  const int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  close(fd);
  std::ofstream(path) << text;
  FileReport report = RunTestFile(path, "case.test", TargetOptions{});
  std::remove(path);
  return report;
}

const char* kSetup = R"(statement ok
CREATE BUCKET b

statement ok
CREATE PRIMARY INDEX ON b

statement ok mutations 2
INSERT INTO b (KEY, VALUE) VALUES ("k1", {"n": 1}), ("k2", {"n": 2})

)";

std::vector<CaseResult::Outcome> Outcomes(const FileReport& report) {
  std::vector<CaseResult::Outcome> out;
  for (const CaseResult& c : report.cases) out.push_back(c.outcome);
  return out;
}

constexpr auto kPassed = CaseResult::Outcome::kPassed;
constexpr auto kFailed = CaseResult::Outcome::kFailed;
constexpr auto kSkipped = CaseResult::Outcome::kSkipped;

TEST(Runner, CorrectExpectationsPass) {
  FileReport report = RunText(std::string(kSetup) + R"(query
SELECT RAW n FROM b ORDER BY n DESC
----
2
1

set $k "k1"

statement error 12009 /Duplicate Key: k1/
INSERT INTO b (KEY, VALUE) VALUES ($k, {})
----
{"code": 12009, "reason": {"code": 17012}}

explain
SELECT n FROM b USE KEYS "k1"
----
$explan.plan.`~children`[0].`#operator` = "KeyScan"

set inject_cas_conflict "k1"

concurrent 2 x 3
UPDATE b USE KEYS "k1" SET n = 5
----
error:12009 = total
)");
  EXPECT_EQ(Outcomes(report), std::vector<CaseResult::Outcome>(7, kPassed));
  for (const CaseResult& c : report.cases) EXPECT_EQ(c.detail, "") << c.line;
}

TEST(Runner, WrongExpectationsFailWithTheirLine) {
  FileReport report = RunText(std::string(kSetup) + R"(query
SELECT RAW n FROM b ORDER BY n
----
2
1

statement ok
SELECT * FROM nope

statement error 3000
SELECT 1

statement error 12003 /no such text/
SELECT * FROM nope

statement ok mutations 5
UPDATE b SET n = 0

explain
SELECT n FROM b
----
$explan.plan.`~children`[0].`#operator` = "KeyScan"

concurrent 2 x 2
SELECT 1
----
error >= 1
)");
  ASSERT_EQ(report.cases.size(), 10u);
  std::vector<int> failed_lines;
  for (size_t i = 3; i < report.cases.size(); ++i) {
    EXPECT_EQ(report.cases[i].outcome, kFailed) << report.cases[i].line;
    EXPECT_FALSE(report.cases[i].detail.empty());
    failed_lines.push_back(report.cases[i].line);
  }
  EXPECT_EQ(failed_lines, (std::vector<int>{10, 16, 19, 22, 25, 28, 33}));
  EXPECT_NE(report.cases[3].detail.find("row 1: expected 2, actual 1"), std::string::npos)
      << report.cases[3].detail;
}

TEST(Runner, SkipsAreCountedAndRestartKeepsData) {
  FileReport report = RunText(std::string(kSetup) + R"(skip not ready
query
SELECT 1
----
{"$1": 2}

restart

query
SELECT RAW n FROM b ORDER BY n
----
1
2
)");
  // A successful restart is not a case of its own; the query after it is.
  EXPECT_EQ(Outcomes(report),
            (std::vector<CaseResult::Outcome>{kPassed, kPassed, kPassed, kSkipped, kPassed}));
  EXPECT_EQ(report.cases[3].detail, "not ready");
}

TEST(Runner, MalformedFileIsOneFailure) {
  FileReport report = RunText("query\nSELECT 1\n");
  EXPECT_EQ(Outcomes(report), std::vector<CaseResult::Outcome>{kFailed});
  EXPECT_NE(report.cases[0].detail.find("line 1"), std::string::npos);
}

}  // namespace
}  // namespace casql::regress
