#pragma once

#include <memory>
#include <string>
#include <vector>

#include "executor/exec_context.h"
#include "executor/row.h"
#include "kvengine/kvengine.h"
#include "planner/keyspace_path.h"

namespace casql::exec {

// Reads documents of one keyspace by key with their META, for the operators that look
// documents up per row (lookup JOIN and NEST).
class DocumentReader {
 public:
  struct Document {
    bool found = false;
    Value value;
    std::shared_ptr<const DocMeta> meta;
  };

  static Result<DocumentReader> Open(const plan::KeyspacePath& keyspace, ExecContext& ctx);

  // found == false when no document has the key (not an error: lookups skip it).
  Result<Document> Read(const std::string& key) const;
  static void Bind(Document doc, size_t slot, Row* row);

 private:
  DocumentReader(std::shared_ptr<kv::Collection> collection, std::string keyspace_name)
      : collection_(std::move(collection)), keyspace_name_(std::move(keyspace_name)) {}
  std::shared_ptr<kv::Collection> collection_;
  std::string keyspace_name_;
};

// What reading a document binds to its alias: the parsed JSON, or the bytes of a binary
// document, and its META.
Value DocumentValue(const kv::GetResult& got);
std::shared_ptr<const DocMeta> MakeDocMeta(const std::string& key, const kv::GetResult& got,
                                           const std::string& keyspace_name);

// The document keys an ON KEYS / USE KEYS value names: a string, or the strings of an array
// (other values are skipped, as Couchbase skips them).
std::vector<std::string> KeyList(const Value& keys);

}  // namespace casql::exec
