#include "http/kv_binary/error_map.h"

#include <algorithm>
#include <cstdio>

#include "http/kv_binary/wire_status.h"

namespace casql::kvbin {

namespace {

struct ErrorEntry {
  uint16_t code;
  const char* name;
  const char* description;
  const char* attributes;  // JSON array body
};

constexpr ErrorEntry kErrors[] = {
    {kSuccess, "SUCCESS", "Success", "\"success\""},
    {kKeyEnoent, "KEY_ENOENT", "Not Found", "\"item-only\""},
    {kKeyEexists, "KEY_EEXISTS", "key already exists, or CAS mismatch", "\"item-only\""},
    {kE2big, "E2BIG", "Value is too big", "\"invalid-input\""},
    {kEinval, "EINVAL", "Invalid packet", "\"internal\",\"invalid-input\""},
    {kNotStored, "NOT_STORED", "Not Stored", "\"item-only\""},
    {kDeltaBadval, "DELTA_BADVAL", "Existing document not a number", "\"item-only\""},
    {kNotMyVbucket, "NOT_MY_VBUCKET", "Server which received this operation is not responsible",
     "\"fetch-config\",\"retry-now\""},
    {kNoBucket, "NO_BUCKET", "No bucket selected", "\"conn-state-invalidated\""},
    {kLocked, "LOCKED", "Requested resource is locked", "\"item-locked\",\"item-only\""},
    {kNotLocked, "NOT_LOCKED", "Requested resource is not locked", "\"item-only\""},
    {kAuthError, "AUTH_ERROR", "Authentication failed", "\"auth\",\"conn-state-invalidated\""},
    {kAuthContinue, "AUTH_CONTINUE", "Continue authentication", "\"auth\",\"special-handling\""},
    {kEaccess, "EACCESS", "No access", "\"conn-state-invalidated\",\"support\""},
    {kUnknownCommand, "UNKNOWN_COMMAND", "Unknown command", "\"support\""},
    {kNotSupported, "NOT_SUPPORTED", "Operation not supported", "\"support\""},
    {kEinternal, "EINTERNAL", "Internal error", "\"internal\""},
    {kTmpfail, "ETMPFAIL", "Temporary failure", "\"temp\",\"retry-later\""},
    {kUnknownCollection, "UNKNOWN_COLLECTION", "Unknown collection",
     "\"item-only\",\"fetch-config\""},
    {kUnknownScope, "UNKNOWN_SCOPE", "Unknown scope", "\"item-only\",\"fetch-config\""},
    {kDurabilityInvalidLevel, "DURABILITY_INVALID_LEVEL", "Invalid durability level",
     "\"item-only\""},
    {0xa1, "DURABILITY_IMPOSSIBLE", "Durability requirements are impossible to achieve",
     "\"item-only\""},
    {0xa3, "SYNC_WRITE_AMBIGUOUS", "The SyncWrite may or may not have completed", "\"item-only\""},
    {kSubdocPathEnoent, "SUBDOC_PATH_ENOENT", "Subdoc: path not found", "\"subdoc\",\"item-only\""},
    {kSubdocPathMismatch, "SUBDOC_PATH_MISMATCH", "Subdoc: path mismatch",
     "\"subdoc\",\"item-only\""},
    {kSubdocPathEinval, "SUBDOC_PATH_EINVAL", "Subdoc: invalid path",
     "\"subdoc\",\"invalid-input\""},
    {kSubdocPathE2big, "SUBDOC_PATH_E2BIG", "Subdoc: path too large",
     "\"subdoc\",\"invalid-input\""},
    {kSubdocDocE2deep, "SUBDOC_DOC_E2DEEP", "Subdoc: document too deep",
     "\"subdoc\",\"item-only\""},
    {kSubdocValueCantinsert, "SUBDOC_VALUE_CANTINSERT", "Subdoc: cannot insert value",
     "\"subdoc\",\"invalid-input\""},
    {kSubdocDocNotJson, "SUBDOC_DOC_NOTJSON", "Subdoc: document is not JSON",
     "\"subdoc\",\"item-only\""},
    {kSubdocNumErange, "SUBDOC_NUM_ERANGE", "Subdoc: number out of range",
     "\"subdoc\",\"item-only\""},
    {kSubdocDeltaEinval, "SUBDOC_DELTA_EINVAL", "Subdoc: invalid delta",
     "\"subdoc\",\"invalid-input\""},
    {kSubdocPathEexists, "SUBDOC_PATH_EEXISTS", "Subdoc: path already exists",
     "\"subdoc\",\"item-only\""},
    {kSubdocValueEtoodeep, "SUBDOC_VALUE_ETOODEEP", "Subdoc: value too deep",
     "\"subdoc\",\"invalid-input\""},
    {kSubdocInvalidCombo, "SUBDOC_INVALID_COMBO", "Subdoc: invalid combination of commands",
     "\"subdoc\",\"invalid-input\""},
    {kSubdocMultiPathFailure, "SUBDOC_MULTI_PATH_FAILURE", "Subdoc: one or more paths failed",
     "\"subdoc\""},
};

}  // namespace

const char* WireStatusName(uint16_t status) {
  for (const ErrorEntry& entry : kErrors) {
    if (entry.code == status) return entry.name;
  }
  return "UNKNOWN";
}

std::string ErrorMapJson(uint16_t version) {
  const uint16_t served = std::clamp<uint16_t>(version, 1, 2);
  std::string out = "{\"version\":" + std::to_string(served) + ",\"revision\":1,\"errors\":{";
  bool first = true;
  for (const ErrorEntry& entry : kErrors) {
    char code[8];
    std::snprintf(code, sizeof(code), "%x", entry.code);
    if (!first) out += ',';
    first = false;
    out += std::string("\"") + code + "\":{\"name\":\"" + entry.name + "\",\"desc\":\"" +
           entry.description + "\",\"attrs\":[" + entry.attributes + "]}";
  }
  out += "}}";
  return out;
}

}  // namespace casql::kvbin
