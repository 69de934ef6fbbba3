#pragma once

#include <cstdint>

#include "kvengine/stored_doc.h"

namespace casql::kv {

// The metadata and current body of one key in a vBucket's hash table. A deleted entry is a
// tombstone: it keeps CAS and rev seqno (kv_engine keeps them so a re-created document continues
// the revision history) and reads as KEY_ENOENT.
//
// Thread safety: guarded by the mutex of the hash-table stripe that holds it.
struct DocumentEntry {
  DocPtr doc;  // null for a tombstone
  uint64_t cas = 0;
  uint64_t rev_seqno = 0;
  uint64_t seqno = 0;
  uint32_t flags = 0;
  uint32_t expiry = 0;  // absolute Unix seconds, 0 = never; a tombstone's deletion time
  bool deleted = true;
  // A durable write whose log record is not yet fsynced: readers see the version kept in the
  // stripe's PendingSyncWrite instead, and other writes of the key get SyncWriteInProgress.
  bool sync_pending = false;
  // A getAndLock lease: the separate lock CAS and when the lease lapses. The document CAS above is
  // untouched, so unlocking or lapsing restores it (MB-59746).
  uint64_t lock_cas = 0;
  int64_t lock_expiry = 0;

  bool alive() const { return !deleted; }
  bool ExpiredAt(int64_t now) const { return !deleted && expiry != 0 && now >= expiry; }
  bool LockedAt(int64_t now) const { return lock_cas != 0 && now < lock_expiry; }
};

// What readers of a key see while its durable write waits for the fsync (kv_engine's pending
// SyncWrite: not visible until committed): the version before it, and where the durable write's
// log record ends, which settles it once the log is durable up to there.
struct PendingSyncWrite {
  DocumentEntry visible;  // deleted when the key did not exist
  uint64_t log_position = 0;
};

}  // namespace casql::kv
