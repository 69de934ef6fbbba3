#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/regress_target.h"
#include "value/status.h"
#include "value/value.h"

namespace casql::regress {

// Where the cases run: a live server at `url`, or (url empty) a fresh embedded server per
// file.
struct TargetOptions {
  std::string url;
};

// Opens the target one file runs against; `durable` asks for a data directory that survives
// Restart (embedded only).
Result<std::unique_ptr<Target>> OpenTarget(const TargetOptions& options, bool durable);

// The parts of a response document the runners check.
struct Response {
  std::string status;
  Array rows;
  Array errors;
  Value metrics;
  bool success() const { return status == "success" && errors.empty(); }
  // Every error as "CODE msg", one per line, for failure messages.
  std::string DescribeErrors() const;
};
Response ReadResponse(const Value& document);

// A request object: the file's current parameters plus the statement.
Value MakeRequest(const Object& params, const std::string& statement);

// Buckets a statement creates (`CREATE BUCKET [IF NOT EXISTS] name`). Against a live server
// the runner drops them before and after the file, so files do not see each other's data.
std::vector<std::string> BucketsCreatedBy(const std::string& sql);
void DropBuckets(Client& client, const std::vector<std::string>& buckets);

// `name` quoted as a SQL++ identifier.
std::string QuoteIdentifier(const std::string& name);

}  // namespace casql::regress
