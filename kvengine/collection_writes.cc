// Collection's document writes: each decides, under the key's lock, what the entry becomes.
#include "kvengine/collection.h"

#include <charconv>
#include <optional>
#include <string>

#include "kvengine/collection_mutate.h"
#include "kvengine/write_rules.h"

namespace casql::kv {

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

namespace casql::kv {
namespace {

// kv_engine's counters hold an unsigned decimal number of at most 20 digits.
std::optional<uint64_t> ParseCounter(std::string_view text) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

Result<MutationResult> Collection::Concat(std::string_view key, std::string_view bytes,
                                          const MutationOptions& options, bool append) {
  return Mutate(key, options, [&](const DocumentEntry* entry, int64_t now) -> Decision {
    if (!IsAlive(entry)) return Status(KvStatus::kNotStored, "document not found");
    CASQL_KV_RETURN_IF_ERROR(CheckCasForWrite(entry, options.cas, now));
    const std::string& old = entry->doc->bytes;
    if (old.size() + bytes.size() > kMaxValueBytes) {
      return Status(KvStatus::kE2big, "document value would be larger than 20 MiB");
    }
    std::string joined;
    joined.reserve(old.size() + bytes.size());
    joined.append(append ? old : std::string(bytes));
    joined.append(append ? std::string(bytes) : old);
    return std::optional<NewState>(
        NewState{MakeDocFromBytes(std::move(joined)), entry->flags, entry->expiry});
  });
}

Result<MutationResult> Collection::Append(std::string_view key, std::string_view bytes,
                                          const MutationOptions& options) {
  return Concat(key, bytes, options, /*append=*/true);
}

Result<MutationResult> Collection::Prepend(std::string_view key, std::string_view bytes,
                                           const MutationOptions& options) {
  return Concat(key, bytes, options, /*append=*/false);
}

Result<std::pair<uint64_t, MutationResult>> Collection::Arithmetic(std::string_view key,
                                                                   uint64_t delta, uint64_t initial,
                                                                   uint32_t expiry, bool create,
                                                                   bool increment) {
  uint64_t value = 0;
  auto result =
      Mutate(key, MutationOptions{}, [&](const DocumentEntry* entry, int64_t now) -> Decision {
        if (!IsAlive(entry)) {
          if (!create || expiry == 0xffffffff) {
            return Status(KvStatus::kKeyEnoent, "document not found");
          }
          value = initial;
          return std::optional<NewState>(
              NewState{MakeDocFromBytes(std::to_string(value)), 0, AbsoluteExpiry(expiry, now)});
        }
        CASQL_KV_RETURN_IF_ERROR(CheckCasForWrite(entry, 0, now));
        std::optional<uint64_t> current = ParseCounter(entry->doc->bytes);
        if (!current) {
          return Status(KvStatus::kDeltaBadval, "the document does not hold an unsigned number");
        }
        if (increment) {
          value = *current + delta;  // wraps modulo 2^64, as kv_engine does
        } else {
          value = *current > delta ? *current - delta : 0;
        }
        return std::optional<NewState>(
            NewState{MakeDocFromBytes(std::to_string(value)), entry->flags, entry->expiry});
      });
  if (!result.ok()) return result.status();
  return std::make_pair(value, *result);
}

Result<std::pair<uint64_t, MutationResult>> Collection::Increment(std::string_view key,
                                                                  uint64_t delta, uint64_t initial,
                                                                  uint32_t expiry, bool create) {
  return Arithmetic(key, delta, initial, expiry, create, /*increment=*/true);
}

Result<std::pair<uint64_t, MutationResult>> Collection::Decrement(std::string_view key,
                                                                  uint64_t delta, uint64_t initial,
                                                                  uint32_t expiry, bool create) {
  return Arithmetic(key, delta, initial, expiry, create, /*increment=*/false);
}

}  // namespace casql::kv
