#include "kvengine/stored_doc.h"

#include <utility>

#include "value/json.h"

namespace casql::kv {

StoredDoc::~StoredDoc() {
  delete json_.load(std::memory_order_acquire);
}

void StoredDoc::SetParsed(casql::Value value) {
  delete json_.exchange(new casql::Value(std::move(value)), std::memory_order_acq_rel);
}

const casql::Value& StoredDoc::ParseOnFirstUse() const {
  static const casql::Value kMissing{};
  if (!is_json) return kMissing;
  // is_json was decided by ParseJson or IsValidJson, which accept exactly the same texts, so
  // only a failure to allocate can stop this parse, and that throws.
  casql::Result<casql::Value> result = casql::ParseJson(bytes);
  auto* fresh = new casql::Value(result.ok() ? std::move(result).value() : casql::Value());
  const casql::Value* expected = nullptr;
  if (json_.compare_exchange_strong(expected, fresh, std::memory_order_acq_rel,
                                    std::memory_order_acquire)) {
    return *fresh;
  }
  delete fresh;  // another reader published first; every caller shares its copy
  return *expected;
}

DocPtr MakeJsonDoc(casql::Value value) {
  auto doc = std::make_shared<StoredDoc>(casql::ToJson(value), true);
  if (value.IsObject()) {
    // Readers write the document out again with every query that returns it; they copy these
    // bytes instead. The top-level node is copied (its fields are shared) because `value`'s
    // may be shared with other threads, e.g. a literal in a cached plan.
    casql::Object object = value.AsObject();
    object.set_json_text(std::shared_ptr<const std::string>(doc, &doc->bytes));
    value = casql::Value(std::move(object));
  }
  doc->SetParsed(std::move(value));
  return doc;
}

DocPtr MakeDocFromBytes(std::string bytes) {
  casql::Result<casql::Value> parsed = casql::ParseJson(bytes);
  auto doc = std::make_shared<StoredDoc>(std::move(bytes), parsed.ok());
  if (parsed.ok()) doc->SetParsed(std::move(parsed).value());
  return doc;
}

DocPtr MakeDocParsedOnUse(std::string bytes) {
  const bool is_json = casql::IsValidJson(bytes);
  return std::make_shared<StoredDoc>(std::move(bytes), is_json);
}

}  // namespace casql::kv
