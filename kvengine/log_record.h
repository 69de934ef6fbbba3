#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kvengine/document_entry.h"

namespace casql::kv {

// The records of a bucket's log and snapshots; log_record.cc documents the byte layout.
enum class RecordType : uint8_t {
  kDocument = 1,
  kCreateScope = 2,
  kDropScope = 3,
  kCreateCollection = 4,
  kDropCollection = 5,
  kNextUid = 6,
};

// One decoded record. Only the fields of its type are meaningful; views point into the buffer
// the record was decoded from.
struct LogRecord {
  RecordType type = RecordType::kDocument;
  uint32_t collection_uid = 0;
  uint32_t scope_uid = 0;
  std::string_view name;  // scope or collection name
  uint32_t next_uid = 0;
  // kDocument
  uint16_t vbucket = 0;
  uint64_t seqno = 0, cas = 0, rev_seqno = 0;
  uint32_t flags = 0, expiry = 0;
  bool deleted = false;
  std::string_view key;
  std::string_view value;
};

inline constexpr size_t kRecordHeaderBytes = 9;  // crc32, length, type
// Fixed part of a document record's payload (everything but key and value bytes).
inline constexpr size_t kDocumentFixedBytes = 4 + 2 + 8 + 8 + 8 + 4 + 4 + 1 + 2 + 4;

// Bytes a document record takes, header included; used to account live data.
inline size_t DocumentRecordBytes(size_t key_bytes, size_t value_bytes) {
  return kRecordHeaderBytes + kDocumentFixedBytes + key_bytes + value_bytes;
}

void AppendDocumentRecord(uint32_t collection_uid, uint16_t vbucket, std::string_view key,
                          const DocumentEntry& entry, std::string* out);
void AppendCreateScopeRecord(uint32_t scope_uid, std::string_view name, std::string* out);
void AppendDropScopeRecord(uint32_t scope_uid, std::string* out);
void AppendCreateCollectionRecord(uint32_t scope_uid, uint32_t collection_uid,
                                  std::string_view name, std::string* out);
void AppendDropCollectionRecord(uint32_t collection_uid, std::string* out);
void AppendNextUidRecord(uint32_t next_uid, std::string* out);

// Decodes the record at the start of `data`. Returns its total size, or nullopt when `data`
// holds no complete record with a matching checksum and a known layout (`why` says which).
std::optional<size_t> DecodeRecord(std::string_view data, LogRecord* record, std::string* why);

}  // namespace casql::kv
