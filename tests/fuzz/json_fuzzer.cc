// libFuzzer target for the JSON reader: any input must parse or fail cleanly, never crash,
// hang or throw; whatever parses must print to JSON that parses back to an equal value.
// (Not to the same text: -0.0 prints as -0, which reads back as the integer 0.)
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "value/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  casql::Result<casql::Value> value = casql::ParseJson(text);
  if (!value.ok()) {
    if (value.status().message().rfind("Invalid JSON at byte offset ", 0) != 0) std::abort();
    return 0;
  }
  const std::string printed = casql::ToJson(*value);
  casql::Result<casql::Value> again = casql::ParseJson(printed);
  if (!again.ok() || !(*again == *value)) std::abort();
  return 0;
}
