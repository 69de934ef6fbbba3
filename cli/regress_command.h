#pragma once

namespace casql::cli {

// `casql regress PATH... [--url URL] [--format auto|test|couchbase] [--filter REGEX]
// [--jobs N] [--junit FILE] [--exclusions FILE]`: runs regression case files (casql's .test
// files, or Couchbase's case files) and ends with the line "N passed, M failed, K skipped".
// Exit status 0 when nothing failed, 1 when a case failed, 2 on bad usage.
// See docs/regression-suite.md.
int RegressCommand(int argc, char** argv);

}  // namespace casql::cli
