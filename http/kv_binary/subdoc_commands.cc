#include <vector>

#include "http/kv_binary/commands.h"
#include "http/kv_binary/key_resolver.h"
#include "http/kv_binary/mutation_reply.h"
#include "http/kv_binary/subdoc_mutation.h"
#include "http/kv_binary/subdoc_path.h"
#include "http/kv_binary/wire_status.h"
#include "kvengine/stored_doc.h"
#include "value/json.h"

namespace casql::kvbin {

namespace {

// kv_engine's limit on specs per multi-path request.
constexpr size_t kMaxSpecs = 16;
// How often a mutation without a user CAS retries after losing a race (kv_engine's count).
constexpr int kMaxCasRetries = 100;
// Document flags (the 1-byte extras).
constexpr uint8_t kDocMkdoc = 0x01;
constexpr uint8_t kDocAdd = 0x02;
constexpr uint8_t kDocAccessDeleted = 0x04;
// The common flags of a JSON document, given to documents a mutation creates.
constexpr uint32_t kJsonCommonFlags = 0x02u << 24;

struct LookupSpec {
  uint8_t opcode = 0;
  uint8_t flags = 0;
  std::string_view path;
};

// Body layout per lookup spec: opcode (1) flags (1) path length (2) path.
bool ParseLookupSpecs(std::string_view body, std::vector<LookupSpec>* specs) {
  size_t pos = 0;
  while (pos < body.size()) {
    if (pos + 4 > body.size()) return false;
    LookupSpec spec;
    spec.opcode = static_cast<uint8_t>(body[pos]);
    spec.flags = static_cast<uint8_t>(body[pos + 1]);
    const size_t path_len = ReadU16(body, pos + 2);
    pos += 4;
    if (pos + path_len > body.size()) return false;
    spec.path = body.substr(pos, path_len);
    pos += path_len;
    specs->push_back(spec);
  }
  return !specs->empty() && specs->size() <= kMaxSpecs;
}

// Body layout per mutation spec: opcode (1) flags (1) path length (2) value length (4) path
// value.
bool ParseMutationSpecs(std::string_view body, std::vector<SubdocMutationSpec>* specs) {
  size_t pos = 0;
  while (pos < body.size()) {
    if (pos + 8 > body.size()) return false;
    SubdocMutationSpec spec;
    spec.opcode = static_cast<uint8_t>(body[pos]);
    spec.flags = static_cast<uint8_t>(body[pos + 1]);
    const size_t path_len = ReadU16(body, pos + 2);
    const size_t value_len = ReadU32(body, pos + 4);
    pos += 8;
    if (pos + path_len + value_len > body.size()) return false;
    spec.path = body.substr(pos, path_len);
    spec.value = body.substr(pos + path_len, value_len);
    pos += path_len + value_len;
    specs->push_back(spec);
  }
  return !specs->empty() && specs->size() <= kMaxSpecs;
}

void AppendLookupResult(uint16_t status, std::string_view value, std::string* body) {
  AppendU16(status, body);
  AppendU32(static_cast<uint32_t>(value.size()), body);
  body->append(value);
}

// One lookup spec against the document: its status and value.
uint16_t Lookup(const LookupSpec& spec, const kv::StoredDoc& doc, std::string* value) {
  if (spec.opcode == kSubdocGetDoc) {
    if (!spec.path.empty()) return kSubdocPathEinval;
    *value = doc.bytes;
    return kSuccess;
  }
  const auto steps = ParseSubdocPath(spec.path);
  if (!steps) return kSubdocPathEinval;
  if (!doc.is_json) return kSubdocDocNotJson;
  const Located found = LocatePath(doc.json(), *steps);
  if (found.value == nullptr) return found.status;
  switch (spec.opcode) {
    case kSubdocGet:
      *value = ToJson(*found.value);
      return kSuccess;
    case kSubdocExists:
      return kSuccess;
    case kSubdocGetCount:
      if (found.value->IsArray()) {
        *value = std::to_string(found.value->AsArray().size());
      } else if (found.value->IsObject()) {
        *value = std::to_string(found.value->AsObject().size());
      } else {
        return kSubdocPathMismatch;
      }
      return kSuccess;
    default:
      return kSubdocInvalidCombo;
  }
}

bool UsesXattrs(uint8_t flags) {
  return (flags & (kSubdocXattrPath | kSubdocExpandMacros)) != 0;
}

}  // namespace

void SubdocMultiLookup(CommandContext& c) {
  if (c.request.extras.size() > 1) {
    c.Error(kEinval, "SUBDOC_MULTI_LOOKUP takes at most 1 byte of extras (document flags)");
    return;
  }
  if (RejectCas(c)) return;
  std::vector<LookupSpec> specs;
  if (!ParseLookupSpecs(c.request.value, &specs)) {
    c.Error(kEinval, "malformed lookup specs (1 to 16 are allowed)");
    return;
  }
  for (const LookupSpec& spec : specs) {
    if (UsesXattrs(spec.flags)) {
      c.Error(kEinval, "extended attributes are not supported (HELLO XATTR is declined)");
      return;
    }
  }
  if (!ReadNoFraming(c)) return;
  const auto got = ReadDocument(c);
  if (!got) return;
  std::string body;
  bool all_ok = true;
  for (const LookupSpec& spec : specs) {
    std::string value;
    const uint16_t status = Lookup(spec, *got->doc, &value);
    all_ok = all_ok && status == kSuccess;
    AppendLookupResult(status, value, &body);
  }
  c.Send(all_ok ? kSuccess : kSubdocMultiPathFailure, {}, {}, body, got->cas);
}

void SubdocMultiMutation(CommandContext& c) {
  const std::string_view extras = c.request.extras;
  if (extras.size() != 0 && extras.size() != 1 && extras.size() != 4 && extras.size() != 5) {
    c.Error(kEinval, "SUBDOC_MULTI_MUTATION takes 0, 1, 4 or 5 bytes of extras");
    return;
  }
  const uint32_t expiry = extras.size() >= 4 ? ReadU32(extras, 0) : 0;
  const uint8_t doc_flags = extras.size() % 2 == 1 ? static_cast<uint8_t>(extras.back()) : 0;
  if ((doc_flags & ~(kDocMkdoc | kDocAdd | kDocAccessDeleted)) != 0 ||
      (doc_flags & kDocMkdoc && doc_flags & kDocAdd)) {
    c.Error(kEinval, "unsupported or conflicting document flags");
    return;
  }
  const bool add = (doc_flags & kDocAdd) != 0;
  if (add && c.request.cas != 0) {
    c.Error(kEinval, "a document ADD cannot take a CAS");
    return;
  }
  std::vector<SubdocMutationSpec> specs;
  if (!ParseMutationSpecs(c.request.value, &specs)) {
    c.Error(kEinval, "malformed mutation specs (1 to 16 are allowed)");
    return;
  }
  bool delete_doc = false;
  for (const SubdocMutationSpec& spec : specs) {
    if (UsesXattrs(spec.flags)) {
      c.Error(kEinval, "extended attributes are not supported (HELLO XATTR is declined)");
      return;
    }
    delete_doc = delete_doc || spec.opcode == kSubdocDeleteDoc;
  }
  if (delete_doc && specs.size() != 1) {
    c.Error(kSubdocInvalidCombo, "a whole-document delete must be the only spec");
    return;
  }
  kv::MutationOptions options;
  if (!ReadMutationFraming(c, true, &options)) return;
  const auto target = ResolveKey(c, Access::kWrite);
  if (!target) return;
  kv::Collection& collection = *target->collection;
  const uint64_t user_cas = c.request.cas;

  for (int attempt = 0; attempt < kMaxCasRetries; ++attempt) {
    const auto got = collection.Get(target->key);
    const bool exists = got.ok();
    if (!exists && (got.status().code() != kv::KvStatus::kKeyEnoent ||
                    !(doc_flags & (kDocMkdoc | kDocAdd)) || delete_doc)) {
      c.EngineError(got.status());
      return;
    }
    if (exists && add) {
      c.Error(kKeyEexists, "the document already exists");
      return;
    }
    options.cas = exists ? (user_cas != 0 ? user_cas : got->cas) : 0;
    kv::Result<kv::MutationResult> written = kv::Status(kv::KvStatus::kEinternal, "unset");
    std::string body;
    if (delete_doc) {
      written = collection.Remove(target->key, options);
    } else {
      Value root = exists ? got->doc->json() : Value(Object());
      for (size_t i = 0; i < specs.size(); ++i) {
        uint16_t status = kSuccess;
        SubdocMutationOutcome outcome;
        if (exists && !got->doc->is_json) {
          status = kSubdocDocNotJson;
        } else if (specs[i].opcode == kSubdocSetDoc) {
          auto parsed = ParseJson(specs[i].value);
          if (!specs[i].path.empty() || !parsed.ok()) {
            status = specs[i].path.empty() ? kSubdocValueCantinsert : kSubdocPathEinval;
          } else {
            root = std::move(parsed).value();
          }
        } else {
          outcome = ApplySubdocMutation(&root, specs[i]);
          status = outcome.status;
        }
        if (status != kSuccess) {
          std::string failure;
          failure.push_back(static_cast<char>(i));
          AppendU16(status, &failure);
          c.Send(kSubdocMultiPathFailure, {}, {}, failure);
          return;
        }
        if (outcome.result) {
          body.push_back(static_cast<char>(i));
          AppendLookupResult(kSuccess, *outcome.result, &body);
        }
      }
      options.expiry = expiry;
      options.flags = exists ? got->flags : kJsonCommonFlags;
      kv::DocPtr doc = kv::MakeJsonDoc(std::move(root));
      written = exists ? collection.Replace(target->key, doc, options)
                       : collection.Insert(target->key, doc, options);
    }
    if (written.ok()) {
      c.Send(kSuccess, MutationExtras(c, *written), {}, body, written->cas);
      return;
    }
    // Lost a race with another writer: only retried when the client gave no CAS (and, for a
    // creation, did not insist that the document be new).
    const bool lost_race = written.status().code() == kv::KvStatus::kKeyEexists ||
                           (written.status().code() == kv::KvStatus::kKeyEnoent && exists);
    if (!lost_race || user_cas != 0 || add) {
      c.EngineError(written.status());
      return;
    }
  }
  c.Error(kTmpfail, "too many concurrent changes to the document; retry");
}

}  // namespace casql::kvbin
