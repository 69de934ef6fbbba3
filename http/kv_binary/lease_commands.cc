#include "http/kv_binary/commands.h"
#include "http/kv_binary/key_resolver.h"
#include "http/kv_binary/mutation_reply.h"
#include "http/kv_binary/opcodes.h"
#include "http/kv_binary/wire_status.h"

namespace casql::kvbin {

void Touch(CommandContext& c) {
  if (c.request.extras.size() != 4 || !c.request.value.empty()) {
    c.Error(kEinval, "TOUCH and GAT take 4 bytes of extras (expiry) and no value");
    return;
  }
  if (RejectCas(c)) return;
  if (!ReadNoFraming(c)) return;
  const auto target = ResolveKey(c, Access::kWrite);
  if (!target) return;
  const uint32_t expiry = ReadU32(c.request.extras, 0);
  if (c.opcode == kTouch) {
    const auto touched = target->collection->Touch(target->key, expiry);
    if (!touched.ok()) {
      c.EngineError(touched.status());
      return;
    }
    c.Send(kSuccess, MutationExtras(c, *touched), {}, {}, touched->cas);
    return;
  }
  const auto got = target->collection->GetAndTouch(target->key, expiry);
  if (!got.ok()) {
    c.EngineError(got.status());
    return;
  }
  SendDocument(c, *got);
}

void GetLocked(CommandContext& c) {
  if ((c.request.extras.size() != 0 && c.request.extras.size() != 4) || !c.request.value.empty()) {
    c.Error(kEinval, "GET_LOCKED takes 0 or 4 bytes of extras (lock time) and no value");
    return;
  }
  if (RejectCas(c)) return;
  if (!ReadNoFraming(c)) return;
  // Locking is a write: it changes what other writers must present.
  const auto target = ResolveKey(c, Access::kWrite);
  if (!target) return;
  const uint32_t seconds = c.request.extras.empty() ? 0 : ReadU32(c.request.extras, 0);
  const auto got = target->collection->GetAndLock(target->key, seconds);
  if (!got.ok()) {
    c.EngineError(got.status());
    return;
  }
  SendDocument(c, *got);
}

void Unlock(CommandContext& c) {
  if (!c.request.extras.empty() || !c.request.value.empty()) {
    c.Error(kEinval, "UNLOCK_KEY takes no extras or value");
    return;
  }
  if (c.request.cas == 0) {
    c.Error(kEinval, "Request CAS must be set");
    return;
  }
  if (!ReadNoFraming(c)) return;
  const auto target = ResolveKey(c, Access::kWrite);
  if (!target) return;
  const kv::Status unlocked = target->collection->Unlock(target->key, c.request.cas);
  if (!unlocked.ok()) {
    c.EngineError(unlocked);
    return;
  }
  c.Send(kSuccess);
}

// Response extras: deleted (4) flags (4) expiry (4) seqno (8), plus the datatype (1) when the
// request's 1-byte extras ask for version 2. Tombstones read as KEY_ENOENT: the engine does not
// expose them.
void GetMeta(CommandContext& c) {
  const std::string_view extras = c.request.extras;
  if (extras.size() > 1 || !c.request.value.empty() ||
      (extras.size() == 1 && extras[0] != 1 && extras[0] != 2)) {
    c.Error(kEinval, "GET_META takes an optional 1-byte version (1 or 2) and no value");
    return;
  }
  if (RejectCas(c)) return;
  if (!ReadNoFraming(c)) return;
  const auto got = ReadDocument(c);
  if (!got) return;
  std::string meta;
  AppendU32(0, &meta);
  AppendU32(got->flags, &meta);
  AppendU32(got->expiry, &meta);
  AppendU64(got->rev_seqno, &meta);
  if (extras.size() == 1 && extras[0] == 2) {
    meta.push_back(static_cast<char>(got->doc->is_json ? kDatatypeJson : 0));
  }
  c.Send(kSuccess, meta, {}, {}, got->cas);
}

}  // namespace casql::kvbin
