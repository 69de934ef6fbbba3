#include "http/kv_binary/commands.h"
#include "http/kv_binary/key_resolver.h"
#include "http/kv_binary/mutation_reply.h"
#include "http/kv_binary/opcodes.h"
#include "http/kv_binary/wire_status.h"
#include "kvengine/stored_doc.h"

namespace casql::kvbin {

namespace {

// Values must arrive uncompressed and without extended attributes: neither SNAPPY nor XATTR
// is granted by HELLO.
bool AcceptableDatatype(CommandContext& c) {
  if ((c.request.datatype & ~kDatatypeJson) == 0) return true;
  c.Error(kEinval, "datatype " + std::to_string(c.request.datatype) +
                       " was not negotiated (only JSON is supported)");
  return false;
}

}  // namespace

void Get(CommandContext& c) {
  if (!c.request.extras.empty() || !c.request.value.empty()) {
    c.Error(kEinval, "GET takes no extras or value");
    return;
  }
  if (RejectCas(c) || !ReadNoFraming(c)) return;
  const auto got = ReadDocument(c);
  if (!got) return;
  SendDocument(c, *got, c.opcode == kGetK ? c.request.key : std::string_view());
}

void Store(CommandContext& c) {
  if (c.request.extras.size() != 8) {
    c.Error(kEinval, "SET, ADD and REPLACE take 8 bytes of extras (flags, expiry)");
    return;
  }
  if (c.opcode == kAdd && RejectCas(c)) return;
  if (!AcceptableDatatype(c)) return;
  kv::MutationOptions options;
  if (!ReadMutationFraming(c, true, &options)) return;
  const auto target = ResolveKey(c, Access::kWrite);
  if (!target) return;
  options.cas = c.request.cas;
  options.flags = ReadU32(c.request.extras, 0);
  options.expiry = ReadU32(c.request.extras, 4);
  kv::DocPtr doc = kv::MakeDocFromBytes(std::string(c.request.value));
  kv::Collection& collection = *target->collection;
  const auto stored = c.opcode == kSet   ? collection.Upsert(target->key, doc, options)
                      : c.opcode == kAdd ? collection.Insert(target->key, doc, options)
                                         : collection.Replace(target->key, doc, options);
  if (!stored.ok()) {
    c.EngineError(stored.status());
    return;
  }
  c.Send(kSuccess, MutationExtras(c, *stored), {}, {}, stored->cas);
}

void Delete(CommandContext& c) {
  if (!c.request.extras.empty() || !c.request.value.empty()) {
    c.Error(kEinval, "DELETE takes no extras or value");
    return;
  }
  kv::MutationOptions options;
  if (!ReadMutationFraming(c, true, &options)) return;
  const auto target = ResolveKey(c, Access::kWrite);
  if (!target) return;
  options.cas = c.request.cas;
  const auto removed = target->collection->Remove(target->key, options);
  if (!removed.ok()) {
    c.EngineError(removed.status());
    return;
  }
  c.Send(kSuccess, MutationExtras(c, *removed), {}, {}, removed->cas);
}

void Concat(CommandContext& c) {
  if (!c.request.extras.empty()) {
    c.Error(kEinval, "APPEND and PREPEND take no extras");
    return;
  }
  if (!AcceptableDatatype(c)) return;
  kv::MutationOptions options;
  if (!ReadMutationFraming(c, true, &options)) return;
  const auto target = ResolveKey(c, Access::kWrite);
  if (!target) return;
  options.cas = c.request.cas;
  kv::Collection& collection = *target->collection;
  const auto done = c.opcode == kAppend ? collection.Append(target->key, c.request.value, options)
                                        : collection.Prepend(target->key, c.request.value, options);
  if (!done.ok()) {
    c.EngineError(done.status());
    return;
  }
  c.Send(kSuccess, MutationExtras(c, *done), {}, {}, done->cas);
}

void Arithmetic(CommandContext& c) {
  if (c.request.extras.size() != 20 || !c.request.value.empty()) {
    c.Error(kEinval, "INCREMENT and DECREMENT take 20 bytes of extras and no value");
    return;
  }
  if (RejectCas(c)) return;
  // The engine's counters have no durability option, so a durable counter cannot be honoured.
  kv::MutationOptions options;
  if (!ReadMutationFraming(c, false, &options)) return;
  const auto target = ResolveKey(c, Access::kWrite);
  if (!target) return;
  const uint64_t delta = ReadU64(c.request.extras, 0);
  const uint64_t initial = ReadU64(c.request.extras, 8);
  const uint32_t expiry = ReadU32(c.request.extras, 16);
  kv::Collection& collection = *target->collection;
  const auto done = c.opcode == kIncrement
                        ? collection.Increment(target->key, delta, initial, expiry)
                        : collection.Decrement(target->key, delta, initial, expiry);
  if (!done.ok()) {
    c.EngineError(done.status());
    return;
  }
  std::string value;
  AppendU64(done->first, &value);
  c.Send(kSuccess, MutationExtras(c, done->second), {}, value, done->second.cas);
}

}  // namespace casql::kvbin
