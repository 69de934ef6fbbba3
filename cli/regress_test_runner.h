#pragma once

#include <string>

#include "cli/regress_report.h"
#include "cli/regress_session.h"

namespace casql::regress {

// Runs one casql .test file (its own fresh server unless options.url is set) and reports
// each case. Never throws; a file that cannot be read or parsed is one failed case.
FileReport RunTestFile(const std::string& path, const std::string& display_path,
                       const TargetOptions& options);

}  // namespace casql::regress
