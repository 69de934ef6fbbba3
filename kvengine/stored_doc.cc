#include "kvengine/stored_doc.h"

#include <utility>

#include "value/json.h"

namespace casql::kv {

DocPtr MakeJsonDoc(casql::Value value) {
  auto doc = std::make_shared<StoredDoc>();
  doc->bytes = casql::ToJson(value);
  doc->is_json = true;
  if (value.IsObject()) {
    // Readers write the document out again with every query that returns it; they copy these
    // bytes instead. The top-level node is copied (its fields are shared) because `value`'s
    // may be shared with other threads, e.g. a literal in a cached plan.
    casql::Object object = value.AsObject();
    object.set_json_text(std::shared_ptr<const std::string>(doc, &doc->bytes));
    value = casql::Value(std::move(object));
  }
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
