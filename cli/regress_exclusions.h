#pragma once

#include <string>
#include <vector>

#include "value/status.h"

namespace casql::regress {

// The peer cases casql does not run, each with its reason (tests/peer/exclusions.txt).
// One rule per line: `PATTERN REASON`, where PATTERN is a case file's path relative to the
// peer data root (shell globs allowed, e.g. filestore/test_cases/joins/*), optionally
// followed by `:LINE` to exclude only the case whose object starts on that line. A pattern
// matches the last components of a case file's path. `#` starts a comment line.
//
// Thread safety: const after Load; Match may be called from many threads.
class Exclusions {
 public:
  struct Rule {
    std::string pattern;
    int line = 0;  // 0: every case of the matching files
    std::string reason;
  };

  static Result<Exclusions> Load(const std::string& path);

  // The rule that excludes the case at `line` of `file`, or nullptr.
  const Rule* Match(const std::string& file, int line) const;

 private:
  std::vector<Rule> rules_;
};

}  // namespace casql::regress
