#include "http/kv_binary/mutation_reply.h"

#include "http/kv_binary/framing_extras.h"
#include "http/kv_binary/wire_status.h"

namespace casql::kvbin {

uint64_t VBucketUuid(uint16_t vbucket) {
  return 0xca5c'0000'0000'0000ull | vbucket;
}

bool ReadMutationFraming(CommandContext& c, bool durability_allowed, kv::MutationOptions* options) {
  if (c.request.framing_extras.empty()) return true;
  FramingExtras framing;
  std::string error;
  bool bad_level = false;
  if (!ParseFramingExtras(c.request.framing_extras, &framing, &error, &bad_level)) {
    c.Error(bad_level ? kDurabilityInvalidLevel : kEinval, error);
    return false;
  }
  if (framing.durability != kv::Durability::kNone && !durability_allowed) {
    c.Error(kEinval, "this command does not take a durability requirement");
    return false;
  }
  options->durability = framing.durability;
  if (framing.durability_timeout_ms) {
    options->timeout = std::chrono::milliseconds(*framing.durability_timeout_ms);
  }
  options->preserve_expiry = framing.preserve_ttl;
  return true;
}

bool ReadNoFraming(CommandContext& c) {
  kv::MutationOptions ignored;
  if (!ReadMutationFraming(c, false, &ignored)) return false;
  if (ignored.preserve_expiry) {
    c.Error(kEinval, "preserve TTL applies to mutations only");
    return false;
  }
  return true;
}

std::string MutationExtras(const CommandContext& c, const kv::MutationResult& result) {
  std::string extras;
  if (!c.session.mutation_seqno) return extras;
  AppendU64(VBucketUuid(result.vbucket), &extras);
  AppendU64(result.seqno, &extras);
  return extras;
}

}  // namespace casql::kvbin
