#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "kvengine/stored_doc.h"

namespace casql::kv {

// Synchronous durability levels (kv_engine's wire bytes 0-3). On one node "majority" is this node.
enum class Durability : uint8_t { kNone, kMajority, kMajorityAndPersistActive, kPersistToMajority };

// The CAS a reader sees on a locked document (kv_engine's LOCKED_CAS).
constexpr uint64_t kLockedCas = 0xFFFFFFFFFFFFFFFFull;

// Largest key and value kv_engine accepts.
constexpr size_t kMaxKeyBytes = 250;
constexpr size_t kMaxValueBytes = 20 * 1024 * 1024;
// Expiry values up to this many seconds are relative to now; larger ones are absolute Unix time.
constexpr uint32_t kMaxRelativeExpiry = 30 * 24 * 60 * 60;

struct MutationOptions {
  uint64_t cas = 0;  // 0 = unconditional
  uint32_t flags = 0;
  uint32_t expiry = 0;  // 0 = never; <= 30 days relative seconds, else absolute Unix seconds
  bool preserve_expiry = false;
  Durability durability = Durability::kNone;
  uint8_t persist_to = 0, replicate_to = 0;  // legacy observe-based durability
  std::chrono::milliseconds timeout{2500};
};

struct MutationResult {
  uint64_t cas = 0;
  uint64_t seqno = 0;
  uint16_t vbucket = 0;
};

struct GetResult {
  DocPtr doc;
  uint64_t cas = 0;  // kLockedCas when another holder has the document locked
  uint32_t flags = 0;
  uint32_t expiry = 0;  // absolute Unix seconds, 0 = never
  uint64_t rev_seqno = 0;
  uint64_t seqno = 0;
  bool locked = false;
};

struct KeyspaceId {
  std::string bucket;
  std::string scope = "_default";
  std::string collection = "_default";
};

// One committed mutation, as the mutation listener receives it. `key` and `doc` are valid for
// the duration of the call only (copy them to keep them). `doc` is null when `deleted`.
struct MutationEvent {
  std::string_view key;
  uint16_t vbucket = 0;
  uint64_t seqno = 0;
  uint64_t cas = 0;
  bool deleted = false;
  DocPtr doc;
  uint64_t rev_seqno = 0;
  uint32_t flags = 0;
  uint32_t expiry = 0;
};

}  // namespace casql::kv
