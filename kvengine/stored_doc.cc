#include "kvengine/stored_doc.h"

#include <utility>

#include "value/json.h"

namespace casql::kv {

DocPtr MakeJsonDoc(casql::Value value) {
  auto doc = std::make_shared<StoredDoc>();
  doc->bytes = casql::ToJson(value);
  doc->is_json = true;
  doc->json = std::move(value);
  return doc;
}

DocPtr MakeDocFromBytes(std::string bytes) {
  auto doc = std::make_shared<StoredDoc>();
  casql::Result<casql::Value> parsed = casql::ParseJson(bytes);
  if (parsed.ok()) {
    doc->is_json = true;
    doc->json = std::move(parsed).value();
  }
  doc->bytes = std::move(bytes);
  return doc;
}

}  // namespace casql::kv
