#include "http/kv_binary/mutation_reply.h"

#include "http/kv_binary/framing_extras.h"
#include "http/kv_binary/wire_status.h"
#include "kvengine/stored_doc.h"

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

bool RejectCas(CommandContext& c) {
  if (c.request.cas == 0) return false;
  c.Error(kEinval, "Request CAS must not be set");
  return true;
}

void SendDocument(CommandContext& c, const kv::GetResult& got, std::string_view key) {
  std::string extras;
  AppendU32(got.flags, &extras);
  c.Send(kSuccess, extras, key, got.doc->bytes, got.cas, got.doc->is_json ? kDatatypeJson : 0);
}

std::string MutationExtras(const CommandContext& c, const kv::MutationResult& result) {
  std::string extras;
  if (!c.session.mutation_seqno) return extras;
  AppendU64(VBucketUuid(result.vbucket), &extras);
  AppendU64(result.seqno, &extras);
  return extras;
}

}  // namespace casql::kvbin
