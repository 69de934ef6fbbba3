#pragma once

#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

namespace casql::regress {

// The outcome of one case: a `query`/`statement`/`explain`/`concurrent` record of a .test
// file, or one object of a Couchbase case file.
struct CaseResult {
  enum class Outcome { kPassed, kFailed, kSkipped };
  Outcome outcome = Outcome::kPassed;
  int line = 0;           // where the case starts in its file
  std::string statement;  // the SQL the case runs
  // Failed: what differed, one finding per line. Skipped: the reason.
  std::string detail;
};

// Everything one unit of work (a case file, or a Couchbase area) produced.
struct FileReport {
  std::string path;  // as printed in failure lines
  std::vector<CaseResult> cases;
  // Things worth telling that are not cases: data files that could not be loaded, setup
  // statements that failed, the skip reasons of excluded peer cases.
  std::vector<std::string> notes;
  // Peer suites skip hundreds of excluded cases: their reasons are summed up in `notes`
  // instead of one SKIP line each.
  bool skips_in_notes = false;

  void Pass(int line, std::string statement);
  void Fail(int line, std::string statement, std::string detail);
  void Skip(int line, std::string statement, std::string reason);
};

struct Totals {
  size_t passed = 0, failed = 0, skipped = 0;
  void Add(const FileReport& report);
};

// Prints the reports of units of work (a file; a Couchbase area is several files) as they
// complete, in the order the units were given, plus a progress line (only when stdout is a
// terminal) that is redrawn after every unit.
//
// Thread safety: Record may be called from many threads.
class Printer {
 public:
  explicit Printer(size_t unit_count);
  void Record(size_t index, std::vector<FileReport> reports);
  // Clears the progress line and prints "N passed, M failed, K skipped".
  const Totals& Finish();
  // All reports in unit order (for --junit).
  std::vector<FileReport> AllReports() const;

 private:
  void PrintReport(const FileReport& report);
  void DrawProgress();

  mutable std::mutex mu_;
  std::vector<std::vector<FileReport>> reports_;
  std::vector<bool> done_;
  size_t next_to_print_ = 0;
  size_t finished_ = 0;
  Totals totals_;
  bool tty_;
};

// Writes a JUnit XML file: one <testsuite> per file, one <testcase> per case.
bool WriteJunit(const std::string& path, const std::vector<FileReport>& reports);

}  // namespace casql::regress
