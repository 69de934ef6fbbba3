#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "kvengine/bucket.h"
#include "kvengine/bucket_log.h"
#include "kvengine/clock.h"
#include "kvengine/kv_status.h"
#include "kvengine/recovery_report.h"

namespace casql::kv {

// Rebuilds a bucket from its directory: the newest snapshot, then every later segment in order.
// A damaged segment tail (a crash mid-write) is cut off, the file truncated there, and reported.
// The bucket is returned with its log open on a new segment.
Result<std::shared_ptr<Bucket>> RecoverBucket(const std::filesystem::path& dir,
                                              std::shared_ptr<const Clock> clock,
                                              const BucketLog::Options& options,
                                              RecoveryReport* report);

// Creates the directory of a new, empty bucket atomically (a crash leaves no half bucket).
Status CreateBucketDirectory(const std::filesystem::path& data_dir, const std::string& name,
                             bool fsync);

}  // namespace casql::kv
