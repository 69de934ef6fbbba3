#include "executor/ops/document_reader.h"

#include "executor/datastore.h"

namespace casql::exec {

Result<DocumentReader> DocumentReader::Open(const plan::KeyspacePath& keyspace, ExecContext& ctx) {
  auto collection = ctx.datastore().Collection(keyspace);
  if (!collection.ok()) return collection.status();
  return DocumentReader(collection.value(), keyspace.FullName());
}

Result<DocumentReader::Document> DocumentReader::Read(const std::string& key) const {
  Document out;
  auto got = collection_->Get(key);
  if (!got.ok()) {
    if (got.status().code() == kv::KvStatus::kKeyEnoent) return out;
    return Status(ErrorCode::kInternal,
                  "Read of key " + key + " failed: " + got.status().message());
  }
  out.found = true;
  out.value = DocumentValue(*got);
  out.meta = MakeDocMeta(key, *got, keyspace_name_);
  return out;
}

Value DocumentValue(const kv::GetResult& got) {
  return got.doc->is_json ? got.doc->json() : Value(got.doc->bytes);
}

std::shared_ptr<const DocMeta> MakeDocMeta(const std::string& key, const kv::GetResult& got,
                                           const std::string& keyspace_name) {
  auto meta = std::make_shared<DocMeta>();
  meta->id = key;
  meta->cas = got.cas;
  meta->flags = got.flags;
  meta->expiration = got.expiry;
  meta->keyspace = keyspace_name;
  meta->is_json = got.doc->is_json;
  return meta;
}

void DocumentReader::Bind(Document doc, size_t slot, Row* row) {
  row->Bind(slot, std::move(doc.value));
  row->BindMeta(slot, std::move(doc.meta));
}

std::vector<std::string> KeyList(const Value& keys) {
  std::vector<std::string> list;
  if (keys.IsString()) list.push_back(keys.AsString());
  if (keys.IsArray()) {
    for (const Value& k : keys.AsArray()) {
      if (k.IsString()) list.push_back(k.AsString());
    }
  }
  return list;
}

}  // namespace casql::exec
