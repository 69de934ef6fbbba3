#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/regress_concurrent.h"
#include "value/status.h"
#include "value/value.h"

namespace casql::regress {

// One record of a casql .test file (the syntax is documented in docs/regression-suite.md).
struct TestRecord {
  enum class Kind { kStatement, kQuery, kExplain, kConcurrent, kSet, kReset, kRestart };
  Kind kind = Kind::kStatement;
  int line = 0;
  std::string sql;
  // Set by a preceding `skip <reason>` line: the record is reported as skipped, not run.
  std::string skip_reason;

  // statement ok|error: what the request must report.
  bool expect_error = false;
  std::optional<int64_t> error_code;
  std::string error_regex;             // searched in the messages of the errors
  std::optional<int64_t> mutations;    // metrics.mutationCount (absent counts as 0)
  std::vector<Value> expected_errors;  // objects each error must contain, when given

  // query: the expected rows; rowsort compares them as a multiset.
  bool rowsort = false;
  Array rows;

  // explain: boolean SQL++ expressions (or whole SELECTs) over $explan.
  std::vector<std::string> assertions;

  // concurrent: `clients` connections each run `sql` `runs` times.
  int clients = 0;
  int runs = 0;
  std::vector<OutcomeCheck> checks;

  // set NAME VALUE / reset [NAME]: request parameters for the following requests.
  std::string param_name;
  Value param_value;
};

// Parses a whole .test file. A malformed record is an error naming its line.
Result<std::vector<TestRecord>> ParseTestFile(const std::string& text);

}  // namespace casql::regress
