#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kvengine/kvengine.h"
#include "value/status.h"

namespace casql::exec {

// The 12009 error of one document whose write failed, shaped as Couchbase 7.6 reports it so
// SDKs classify it (CAS mismatch by the text "CAS mismatch" or reason.code 12033, missing
// document by 17014, duplicate key by 17012). `op` is "UPDATE", "INSERT", ...; `opcode` the KV
// opcode name in the cause text ("SET", "ADD"). expected_cas/actual_cas are casql additions
// telling the user what changed underneath the statement (0 when unknown or not applicable).
struct DmlFailure {
  std::string op;
  std::string opcode;
  std::string key;
  std::string keyspace;
  kv::KvStatus status = kv::KvStatus::kSuccess;
  uint32_t opaque = 0;
  uint64_t expected_cas = 0;
  uint64_t actual_cas = 0;
};

Error MakeDmlError(const DmlFailure& failure);

// The 12011 of a DELETE (or MERGE's WHEN MATCHED THEN DELETE) whose KV remove failed for a
// reason other than the document being gone already (which is skipped silently).
Error MakeDeleteError(const std::string& key, kv::KvStatus status);

// Checks one INSERT/UPSERT (KEY, VALUE) pair: the key must be a string (5050/5070, or UPSERT's
// 5072/5078) and the value must not be MISSING (5060/5075). Returns the error, if any.
std::optional<Error> CheckInsertTuple(const Value& key, const Value& value, bool upsert);

}  // namespace casql::exec
