#include "kvengine/write_rules.h"

#include "kvengine/kv_types.h"

namespace casql::kv {

Status CheckCasForWrite(const DocumentEntry* entry, uint64_t cas, int64_t now) {
  if (IsAlive(entry) && entry->LockedAt(now)) {
    if (cas == entry->lock_cas) return Status::OK();
    return Status(KvStatus::kLocked, "document is locked");
  }
  if (cas == 0) return Status::OK();
  if (!IsAlive(entry)) return Status(KvStatus::kKeyEnoent, "document not found");
  if (cas != entry->cas) {
    return Status(KvStatus::kKeyEexists, "CAS mismatch: the document was changed concurrently");
  }
  return Status::OK();
}

uint32_t AbsoluteExpiry(uint32_t wire_expiry, int64_t now) {
  if (wire_expiry == 0 || wire_expiry > kMaxRelativeExpiry) return wire_expiry;
  return static_cast<uint32_t>(now + wire_expiry);
}

Status CheckValue(const DocPtr& doc) {
  if (doc == nullptr) return Status(KvStatus::kEinval, "document value is missing");
  if (doc->bytes.size() > kMaxValueBytes) {
    return Status(KvStatus::kE2big, "document value is larger than 20 MiB");
  }
  return Status::OK();
}

}  // namespace casql::kv
