#pragma once

#include <memory>
#include <string>

#include "value/value.h"

namespace casql::kv {

// One stored document body. Immutable once published: readers on any thread share it through a
// DocPtr while writers publish a new one, so a reader never sees a half-written value and never
// copies the bytes.
struct StoredDoc {
  std::string bytes;
  bool is_json = false;
  casql::Value json;  // the parsed form when is_json, MISSING otherwise
};
using DocPtr = std::shared_ptr<const StoredDoc>;

// Serializes once; the document keeps both forms.
DocPtr MakeJsonDoc(casql::Value value);
// Parses the bytes; a text that is not valid JSON is stored as a binary document (is_json false).
DocPtr MakeDocFromBytes(std::string bytes);

}  // namespace casql::kv
