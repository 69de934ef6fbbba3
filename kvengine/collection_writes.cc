// Collection's writes: the shared Mutate skeleton and the operations that decide through it.
#include "kvengine/collection.h"
#include "kvengine/commit_scope.h"
#include "kvengine/keyspace_names.h"
#include "kvengine/write_rules.h"

namespace casql::kv {

template <typename Decide>
Result<MutationResult> Collection::Mutate(std::string_view key, const MutationOptions& options,
                                          Decide&& decide) {
  CASQL_KV_RETURN_IF_ERROR(ValidateKey(key));
  if (dropped()) {
    return Status(KvStatus::kUnknownCollection, "collection '" + id_.collection + "' was dropped");
  }
  if (options.cas != 0) conflicts_.RunHook(key);
  CommitScope scope(*this, GetOrCreateVBucket(VBucketOf(key)), key);
  auto [stored_key, entry] = VBucket::Find(scope.stripe(), key);
  const int64_t now = clock_->NowSeconds();
  if (entry != nullptr) {
    Normalize(scope, *stored_key, *entry, now);
    if (options.cas != 0 && conflicts_.Consume(key) && entry->alive() && !entry->LockedAt(now)) {
      Commit(scope, *stored_key, *entry, /*was_alive=*/true);  // the injected concurrent writer
    }
  }
  Decision decision = decide(entry, now);
  if (!decision.ok()) return decision.status();
  if (!decision->has_value()) return MutationResult{entry->cas, entry->seqno, scope.vbucket().id()};
  if (entry == nullptr) std::tie(stored_key, entry) = scope.vbucket().Create(scope.stripe(), key);
  NewState& next = **decision;
  const bool was_alive = entry->alive();
  entry->deleted = next.doc == nullptr;
  entry->doc = std::move(next.doc);
  entry->flags = next.flags;
  entry->expiry = next.expiry;
  return Commit(scope, *stored_key, *entry, was_alive);
}

Result<MutationResult> Collection::Insert(std::string_view key, DocPtr doc,
                                          const MutationOptions& options) {
  if (options.cas != 0) return Status(KvStatus::kEinval, "Request CAS must not be set");
  CASQL_KV_RETURN_IF_ERROR(CheckValue(doc));
  return Mutate(key, options, [&](const DocumentEntry* entry, int64_t now) -> Decision {
    if (IsAlive(entry)) return Status(KvStatus::kKeyEexists, "document already exists");
    return std::optional<NewState>(
        NewState{std::move(doc), options.flags, AbsoluteExpiry(options.expiry, now)});
  });
}

Result<MutationResult> Collection::Upsert(std::string_view key, DocPtr doc,
                                          const MutationOptions& options) {
  CASQL_KV_RETURN_IF_ERROR(CheckValue(doc));
  return Mutate(key, options, [&](const DocumentEntry* entry, int64_t now) -> Decision {
    CASQL_KV_RETURN_IF_ERROR(CheckCasForWrite(entry, options.cas, now));
    const uint32_t expiry = options.preserve_expiry && IsAlive(entry)
                                ? entry->expiry
                                : AbsoluteExpiry(options.expiry, now);
    return std::optional<NewState>(NewState{std::move(doc), options.flags, expiry});
  });
}

Result<MutationResult> Collection::Replace(std::string_view key, DocPtr doc,
                                           const MutationOptions& options) {
  CASQL_KV_RETURN_IF_ERROR(CheckValue(doc));
  return Mutate(key, options, [&](const DocumentEntry* entry, int64_t now) -> Decision {
    if (!IsAlive(entry)) return Status(KvStatus::kKeyEnoent, "document not found");
    CASQL_KV_RETURN_IF_ERROR(CheckCasForWrite(entry, options.cas, now));
    const uint32_t expiry =
        options.preserve_expiry ? entry->expiry : AbsoluteExpiry(options.expiry, now);
    return std::optional<NewState>(NewState{std::move(doc), options.flags, expiry});
  });
}

Result<MutationResult> Collection::Remove(std::string_view key, const MutationOptions& options) {
  return Mutate(key, options, [&](const DocumentEntry* entry, int64_t now) -> Decision {
    if (!IsAlive(entry)) return Status(KvStatus::kKeyEnoent, "document not found");
    CASQL_KV_RETURN_IF_ERROR(CheckCasForWrite(entry, options.cas, now));
    return std::optional<NewState>(NewState{nullptr, entry->flags, 0});
  });
}

}  // namespace casql::kv
