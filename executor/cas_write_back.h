#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>

#include "executor/exec_context.h"
#include "executor/row.h"
#include "kvengine/kvengine.h"

namespace casql::exec {

// The conditional write-back of UPDATE's SendUpdate and of MERGE's WHEN MATCHED THEN UPDATE:
// the new version (the row's clone) replaces the document only if its CAS is still the one
// read (the META of the target slot), keeping the document's flags; the expiry is cleared
// unless the statement set one or the request asked to preserve it. Nothing is locked between
// the read and this write, so a concurrent writer makes it fail with KEY_EEXISTS: that
// document gets its own 12009 (cause 12033, with the CAS read and the CAS found) and the
// statement goes on with the others, as Couchbase 7.6 does.
//
// Used by one operator instance on one thread.
class CasWriteBack {
 public:
  CasWriteBack(ExecContext& ctx, std::shared_ptr<kv::Collection> collection,
               std::string keyspace_name, size_t slot);

  // Re-reads the document of `row->key` and redoes the statement's work on it, leaving a new
  // clone and META in the row; false when it no longer qualifies (then it is left alone).
  using Reapply = std::function<Result<bool>(Row* row)>;

  // Writes the row back. With cas_retries (a casql extension) and a `reapply`, a write that
  // lost a CAS race is reapplied and written again, up to that many times, so the statement
  // behaves as if it had run alone on the document. On success the row's target slot holds
  // the new document and META (new CAS, new expiry) for RETURNING. Returns whether the
  // document was written (false: an error was recorded, or it no longer qualifies).
  Result<bool> WriteWithRetries(Row* row, const Reapply& reapply);

 private:
  enum class Outcome { kWritten, kCasMismatch, kFailed };
  // One conditional write; a CAS mismatch is recorded as an error only when `report`.
  Outcome Write(Row* row, bool report);

  ExecContext& ctx_;
  std::shared_ptr<kv::Collection> collection_;
  std::string keyspace_name_;
  size_t slot_;
  // Conflict injection fires once per key per statement, so a retry sees an undisturbed
  // document.
  std::set<std::string> injected_;
};

}  // namespace casql::exec
