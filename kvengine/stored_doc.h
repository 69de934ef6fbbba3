#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <utility>

#include "value/value.h"

namespace casql::kv {

// One stored document body. Immutable once published: readers on any thread share it through a
// DocPtr while writers publish a new one, so a reader never sees a half-written value and never
// copies the bytes.
//
// The parsed form may be built on first use (MakeDocParsedOnUse): recovery replays every
// document of the log, most of which no query reads before the next restart, and parsing each
// into a Value was most of the time to open (docs/performance.md, "Restart time"). The pointer
// to the parsed form costs 8 bytes a document; a parsed Value is then held on the heap where it
// was held inline before.
class StoredDoc {
 public:
  // `text_is_json`: the bytes are known to parse (ParseJson or IsValidJson said so).
  StoredDoc(std::string text, bool text_is_json) : bytes(std::move(text)), is_json(text_is_json) {}
  ~StoredDoc();
  StoredDoc(const StoredDoc&) = delete;
  StoredDoc& operator=(const StoredDoc&) = delete;

  const std::string bytes;
  const bool is_json;

  // The parsed form when is_json, MISSING otherwise. Parsed by the first call; threads racing on
  // that first call may each parse, one result is published (compare-exchange) and the others
  // are freed, so every caller gets the same Value, which lives as long as the document.
  const casql::Value& json() const {
    const casql::Value* parsed = json_.load(std::memory_order_acquire);
    return parsed != nullptr ? *parsed : ParseOnFirstUse();
  }
  bool parsed() const { return json_.load(std::memory_order_acquire) != nullptr; }

  // Publishes an already parsed form; only before the document is shared.
  void SetParsed(casql::Value value);

 private:
  const casql::Value& ParseOnFirstUse() const;

  mutable std::atomic<const casql::Value*> json_{nullptr};
};
using DocPtr = std::shared_ptr<const StoredDoc>;

// Serializes once; the document keeps both forms.
DocPtr MakeJsonDoc(casql::Value value);
// Parses the bytes now (a write: its mutation listeners read the parsed form at once); a text
// that is not valid JSON is stored as a binary document (is_json false).
DocPtr MakeDocFromBytes(std::string bytes);
// Only checks that the bytes parse, which allocates nothing, and parses them on first use:
// recovery's form of MakeDocFromBytes.
DocPtr MakeDocParsedOnUse(std::string bytes);

}  // namespace casql::kv
