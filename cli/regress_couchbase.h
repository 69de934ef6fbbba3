#pragma once

#include <string>
#include <vector>

#include "cli/regress_exclusions.h"
#include "cli/regress_peer_data.h"
#include "cli/regress_report.h"
#include "cli/regress_session.h"

namespace casql::regress {

// Runs Couchbase's file-based suites (couchbase/query test/filestore) as its harness does
// (reference/peer-suites.md §2-§3): a case file is a JSON array of cases run in order with
// state carried over; rows compare in order, numbers as doubles; `error` passes when an error
// message contains it. Excluded cases are reported as skipped with their reason.
struct PeerOptions {
  TargetOptions target;
  const Exclusions* exclusions = nullptr;  // may be null
};

// One case file of the black-box suite (json/default/cases/case_*.json) on a fresh server
// holding the keyspaces of `data`. `report_data_notes` attaches data's notes to the report
// (done for one file only, so they are printed once).
std::vector<FileReport> RunBlackBoxFile(const std::string& case_file, const BlackBoxData& data,
                                        bool report_data_notes, const PeerOptions& options);

// The keyspaces every test_cases area shares (the dimestore sample buckets).
const std::vector<std::string>& AreaKeyspaces();

// One area of test_cases/: on a fresh server with AreaKeyspaces(), run insert.json (setup:
// its failures are notes, not cases) then each of `case_files` in order.
std::vector<FileReport> RunArea(const std::string& area_dir,
                                const std::vector<std::string>& case_files,
                                const PeerOptions& options);

}  // namespace casql::regress
