#pragma once

#include <cstdint>

#include "kvengine/document_entry.h"
#include "kvengine/kv_status.h"
#include "kvengine/stored_doc.h"

namespace casql::kv {

// kv_engine's checkCasForWrite (vbucket.cc): a locked document accepts only its lock CAS (else
// LOCKED); otherwise CAS 0 always passes, a CAS on a missing or deleted document is KEY_ENOENT
// and a different CAS is KEY_EEXISTS. `entry` is null when the key was never written.
Status CheckCasForWrite(const DocumentEntry* entry, uint64_t cas, int64_t now);

inline bool IsAlive(const DocumentEntry* entry) {
  return entry != nullptr && entry->alive();
}

// The wire expiry rule: 0 = never, up to 30 days = seconds from now, larger = absolute Unix time.
uint32_t AbsoluteExpiry(uint32_t wire_expiry, int64_t now);

// A document body a write may store: present and at most 20 MiB (E2BIG).
Status CheckValue(const DocPtr& doc);

}  // namespace casql::kv
