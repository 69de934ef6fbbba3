#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cli/regress_target.h"
#include "value/status.h"
#include "value/value.h"

namespace casql::regress {

// One assertion over the outcomes of a concurrent block, e.g. `success + error:12009 = total`.
// Each side is a sum of terms: `success` (requests whose status was "success"), `error`
// (requests that reported any error), `error:CODE` (requests that reported error CODE),
// `total` (all requests) or an integer.
struct OutcomeCheck {
  struct Term {
    enum class Kind { kSuccess, kAnyError, kErrorCode, kTotal, kNumber };
    Kind kind = Kind::kNumber;
    int64_t number = 0;  // the code of kErrorCode, the value of kNumber
  };
  std::vector<Term> left, right;
  std::string op;  // = != < <= > >=
  std::string text;
  int line = 0;
};

Result<OutcomeCheck> ParseOutcomeCheck(std::string_view text, int line);

// What the requests of a concurrent block reported.
struct OutcomeCounts {
  int64_t total = 0;
  int64_t success = 0;
  int64_t any_error = 0;
  std::map<int64_t, int64_t> by_code;  // requests that reported each code (once per request)
  std::vector<std::string> failures;   // requests that got no answer at all

  // "160 requests: 37 success, 123 with errors (12009: 123)".
  std::string Describe() const;
};

// Runs `request` `runs` times on each of `clients` connections at once; all connections are
// opened before any request is sent so the requests really overlap.
OutcomeCounts RunConcurrently(Target& target, const Value& request, int clients, int runs);

// The checks that do not hold, one message each.
std::vector<std::string> FailedChecks(const std::vector<OutcomeCheck>& checks,
                                      const OutcomeCounts& counts);

}  // namespace casql::regress
