// Byte layout of every record in a bucket's log segments (NNNNNNNNNN.log) and snapshots
// (NNNNNNNNNN.snap). All integers are little-endian; strings are length-prefixed bytes.
//
//   record  := crc32:u32  length:u32  type:u8  payload[length]
//              crc32 is zlib's CRC-32 of the bytes after itself (length, type and payload), so a
//              torn or overwritten record is detected; length counts the payload only.
//
//   type 1, document (a write, or a tombstone when deleted = 1):
//     collection_uid:u32  vbucket:u16  seqno:u64  cas:u64  rev_seqno:u64  flags:u32
//     expiry:u32  deleted:u8  key_length:u16  key  value_length:u32  value
//   type 2, create scope:       scope_uid:u32  name_length:u16  name
//   type 3, drop scope:         scope_uid:u32
//   type 4, create collection:  scope_uid:u32  collection_uid:u32  name_length:u16  name
//   type 5, drop collection:    collection_uid:u32
//   type 6, next uid:           next_uid:u32   (first id a new scope or collection may take)
//
// Replay is idempotent: a document record applies only if its seqno is above the one already
// held for the key (seqnos grow per vBucket), and keyspace records name ids, never reused.
#include "kvengine/log_record.h"

#include <zlib.h>

namespace casql::kv {
namespace {

template <typename T>
void Put(T value, std::string* out) {
  char bytes[sizeof(T)];
  for (size_t i = 0; i < sizeof(T); ++i) bytes[i] = static_cast<char>(value >> (8 * i));
  out->append(bytes, sizeof(T));
}

template <typename Length>
void PutString(std::string_view s, std::string* out) {
  Put<Length>(static_cast<Length>(s.size()), out);
  out->append(s);
}

uint32_t Crc(std::string_view bytes) {
  return static_cast<uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

// Reserves the header, lets `fill` write the payload, then completes length and checksum.
template <typename Fill>
void AppendRecord(RecordType type, std::string* out, Fill fill) {
  const size_t start = out->size();
  out->append(kRecordHeaderBytes, '\0');
  (*out)[start + 8] = static_cast<char>(type);
  fill();
  const uint32_t length = static_cast<uint32_t>(out->size() - start - kRecordHeaderBytes);
  std::string length_bytes;
  Put<uint32_t>(length, &length_bytes);
  out->replace(start + 4, 4, length_bytes);
  std::string crc_bytes;
  Put<uint32_t>(Crc(std::string_view(*out).substr(start + 4)), &crc_bytes);
  out->replace(start, 4, crc_bytes);
}

// Reads fields from a payload, failing once it runs out of bytes.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  template <typename T>
  bool Get(T* value) {
    if (data_.size() < sizeof(T)) return false;
    T v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) {
      v |= static_cast<T>(static_cast<T>(static_cast<unsigned char>(data_[i])) << (8 * i));
    }
    *value = v;
    data_.remove_prefix(sizeof(T));
    return true;
  }
  template <typename Length>
  bool GetString(std::string_view* s) {
    Length length = 0;
    if (!Get(&length) || data_.size() < length) return false;
    *s = data_.substr(0, length);
    data_.remove_prefix(length);
    return true;
  }
  bool done() const { return data_.empty(); }

 private:
  std::string_view data_;
};

bool DecodePayload(RecordType type, Reader& in, LogRecord* r) {
  switch (type) {
    case RecordType::kDocument: {
      uint8_t deleted = 0;
      bool ok = in.Get(&r->collection_uid) && in.Get(&r->vbucket) && in.Get(&r->seqno) &&
                in.Get(&r->cas) && in.Get(&r->rev_seqno) && in.Get(&r->flags) &&
                in.Get(&r->expiry) && in.Get(&deleted) && in.GetString<uint16_t>(&r->key) &&
                in.GetString<uint32_t>(&r->value);
      r->deleted = deleted != 0;
      return ok;
    }
    case RecordType::kCreateScope:
      return in.Get(&r->scope_uid) && in.GetString<uint16_t>(&r->name);
    case RecordType::kDropScope:
      return in.Get(&r->scope_uid);
    case RecordType::kCreateCollection:
      return in.Get(&r->scope_uid) && in.Get(&r->collection_uid) &&
             in.GetString<uint16_t>(&r->name);
    case RecordType::kDropCollection:
      return in.Get(&r->collection_uid);
    case RecordType::kNextUid:
      return in.Get(&r->next_uid);
  }
  return false;
}

}  // namespace

void AppendDocumentRecord(uint32_t collection_uid, uint16_t vbucket, std::string_view key,
                          const DocumentEntry& entry, std::string* out) {
  AppendRecord(RecordType::kDocument, out, [&] {
    Put<uint32_t>(collection_uid, out);
    Put<uint16_t>(vbucket, out);
    Put<uint64_t>(entry.seqno, out);
    Put<uint64_t>(entry.cas, out);
    Put<uint64_t>(entry.rev_seqno, out);
    Put<uint32_t>(entry.flags, out);
    Put<uint32_t>(entry.expiry, out);
    Put<uint8_t>(entry.deleted ? 1 : 0, out);
    PutString<uint16_t>(key, out);
    PutString<uint32_t>(entry.doc ? std::string_view(entry.doc->bytes) : std::string_view(), out);
  });
}

void AppendCreateScopeRecord(uint32_t scope_uid, std::string_view name, std::string* out) {
  AppendRecord(RecordType::kCreateScope, out, [&] {
    Put<uint32_t>(scope_uid, out);
    PutString<uint16_t>(name, out);
  });
}

void AppendDropScopeRecord(uint32_t scope_uid, std::string* out) {
  AppendRecord(RecordType::kDropScope, out, [&] { Put<uint32_t>(scope_uid, out); });
}

void AppendCreateCollectionRecord(uint32_t scope_uid, uint32_t collection_uid,
                                  std::string_view name, std::string* out) {
  AppendRecord(RecordType::kCreateCollection, out, [&] {
    Put<uint32_t>(scope_uid, out);
    Put<uint32_t>(collection_uid, out);
    PutString<uint16_t>(name, out);
  });
}

void AppendDropCollectionRecord(uint32_t collection_uid, std::string* out) {
  AppendRecord(RecordType::kDropCollection, out, [&] { Put<uint32_t>(collection_uid, out); });
}

void AppendNextUidRecord(uint32_t next_uid, std::string* out) {
  AppendRecord(RecordType::kNextUid, out, [&] { Put<uint32_t>(next_uid, out); });
}

std::optional<size_t> DecodeRecord(std::string_view data, LogRecord* record, std::string* why) {
  if (data.size() < kRecordHeaderBytes) {
    *why = "incomplete record header";
    return std::nullopt;
  }
  Reader header(data);
  uint32_t crc = 0, length = 0;
  uint8_t type = 0;
  header.Get(&crc);
  header.Get(&length);
  header.Get(&type);
  if (data.size() - kRecordHeaderBytes < length) {
    *why = "incomplete record";
    return std::nullopt;
  }
  const size_t total = kRecordHeaderBytes + length;
  if (Crc(data.substr(4, total - 4)) != crc) {
    *why = "checksum mismatch";
    return std::nullopt;
  }
  *record = LogRecord{};
  record->type = static_cast<RecordType>(type);
  Reader payload(data.substr(kRecordHeaderBytes, length));
  if (type < 1 || type > 6 || !DecodePayload(record->type, payload, record) || !payload.done()) {
    *why = "malformed record";
    return std::nullopt;
  }
  return total;
}

}  // namespace casql::kv
